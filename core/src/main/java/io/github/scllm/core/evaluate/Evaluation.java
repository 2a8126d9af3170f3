package io.github.scllm.core.evaluate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.classify.UnknownPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Runs every chosen method on the same splits and scores it on the test cells: one split per seed (stratified by
 * test fraction, or a fixed number of training cells per class), each method fitted on that split's training cells
 * only. Cells without a label and classes with fewer than two cells are set aside and reported. With a fixed number of
 * training cells per class, k is lowered to that number and the projection head trains without a validation split
 * (there are too few cells to hold any out), as in the reference protocol.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * Evaluates.
     *
     * @param cells labelled cells
     * @param cellGenes the cells' top genes, or {@code null} when no chosen method needs gene vectors
     * @param geneVectors the gene text vectors, or {@code null} likewise
     * @param options what to run
     * @param cancel polled by every step
     * @param progress receives the fraction of (seed, method) runs done
     * @return the report
     * @throws InvalidInputException if the cells have no labels, fewer than two classes have two cells, or a method
     *         needs gene vectors that were not given
     * @throws io.github.scllm.core.CancelledException if cancelled
     */
    public static EvaluationReport run(CellData cells, CellGenes cellGenes, GeneVectors geneVectors,
            EvaluationOptions options, CancellationToken cancel, ProgressListener progress) {
        if (!cells.hasLabels()) {
            throw new InvalidInputException("The cells carry no labels; choose the label column.");
        }
        if (options.needsGeneVectors() && geneVectors == null) {
            throw new InvalidInputException("The methods " + options.methods().stream().filter(Method::needsGeneVectors)
                    .map(Method::id).toList() + " need gene descriptions and a text embedding model.");
        }
        String[] labels = cells.labels();
        Splits.Plan plan = Splits.plan(labels);
        PipelineOptions po = options.pipeline();
        if (options.trainPerClass() > 0) {
            po = po.withK(Math.min(po.k(), options.trainPerClass()))
                    .withRefine(po.refine().withValidationFraction(0));
        }
        MethodPipeline pipeline = new MethodPipeline(cells, cellGenes, geneVectors, po);
        Map<Method, List<AnnotationMetrics>> perSeed = new LinkedHashMap<>();
        Map<Method, LinkedHashSet<String>> notes = new LinkedHashMap<>();
        Map<Method, List<Calibration>> calibration = new LinkedHashMap<>();
        for (Method m : options.methods()) {
            perSeed.put(m, new ArrayList<>());
            calibration.put(m, new ArrayList<>());
            notes.put(m, new LinkedHashSet<>());
        }
        int runs = options.seeds().size() * options.methods().size();
        int done = 0;
        int nTrain = -1;
        int nTest = -1;
        for (long seed : options.seeds()) {
            Splits.Split split = options.trainPerClass() > 0
                    ? Splits.perClass(labels, plan.eligible(), options.trainPerClass(), seed)
                    : Splits.stratified(labels, plan.eligible(), options.testFraction(), seed);
            if (nTrain < 0) {
                nTrain = split.train().length;
                nTest = split.test().length;
            }
            String[] truth = new String[split.test().length];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = labels[split.test()[i]];
            }
            for (Method m : options.methods()) {
                cancel.check();
                double base = (double) done / runs;
                String what = m.id() + ", seed " + seed;
                MethodOutcome o = pipeline.run(m, split.train(), split.test(), seed, cancel,
                        (f, msg) -> progress.progress(base + f / runs, what));
                perSeed.get(m).add(AnnotationMetrics.score(truth, o.predicted(), UnknownPolicy.EXCLUDE));
                Calibration.ofPredictions(truth, o.predicted(), o.confidence(), Calibration.DEFAULT_BINS)
                        .ifPresent(calibration.get(m)::add);
                notes.get(m).addAll(o.notes());
                done++;
                progress.progress((double) done / runs, what + " done");
            }
        }
        Map<Method, List<String>> noteLists = new LinkedHashMap<>();
        notes.forEach((m, n) -> noteLists.put(m, List.copyOf(n)));
        return new EvaluationReport(nTrain, nTest, plan.setAside(), plan.unlabelled(), options.seeds(), perSeed,
                noteLists, calibration);
    }
}
