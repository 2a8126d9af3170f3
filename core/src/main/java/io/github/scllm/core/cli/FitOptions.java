package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.classify.RejectThreshold;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.CellGenes;
import io.github.scllm.core.evaluate.FittedMethod;
import io.github.scllm.core.evaluate.GeneVectors;
import io.github.scllm.core.evaluate.Method;
import io.github.scllm.core.evaluate.MethodOutcome;
import io.github.scllm.core.evaluate.MethodPipeline;
import io.github.scllm.core.evaluate.PipelineOptions;
import io.github.scllm.core.evaluate.Splits;
import io.github.scllm.core.genes.Organism;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a method is fitted on a labelled reference, shared by {@code annotate} and {@code fit}, and the fit itself:
 * gene texts to vectors (every gene of the reference, so any query cell's top genes have theirs), the reject threshold
 * on held-out reference cells, then the method on the whole reference.
 */
final class FitOptions {
    /** Share of the reference cells held out to choose the reject threshold. */
    static final double CALIBRATION_FRACTION = 0.2;

    @Option(names = "--label-column", paramLabel = "COL",
        description = "The per-cell column holding the labels of the reference (and of the query, for scoring).")
    String labelColumn;

    @Option(names = "--values", defaultValue = "auto", paramLabel = "auto|counts|lognorm",
        description = "What the matrices hold: raw counts (log-normalised here), log1p of counts per 10k (used as "
            + "they are), or auto: told from each file's first cells (default: ${DEFAULT-VALUE}).")
    AnnotationSteps.Values values;

    @Option(names = "--descriptions", split = ",", paramLabel = "PATH",
        description = "Gene description files: NCBI gene_info and/or symbol-to-summary tables.")
    List<Path> descriptions = new ArrayList<>();

    @Option(names = "--organism", defaultValue = "human", paramLabel = "human|mouse|TAXID",
        description = "Organism of the genes (default: ${DEFAULT-VALUE}).")
    String organism;

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--method", defaultValue = "description_contrastive_knn", paramLabel = "METHOD",
        description = "One of expression_pca_knn, logistic_regression, description_knn, description_contrastive_knn, "
            + "hybrid_contrastive_knn, transductive_pca_centroid, random_vectors_knn, random_vectors_contrastive_knn, "
            + "random_hybrid_contrastive_knn, correlation_reference "
            + "(default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of every random step (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--knn-vote", defaultValue = "uniform", paramLabel = "VOTE", description = AnnotationSteps.VOTE_HELP)
    AnnotationSteps.Vote vote;

    @Option(names = "--top-genes", defaultValue = "20", paramLabel = "N",
        description = "Top expressed genes per cell for the description embedding (default: ${DEFAULT-VALUE}).")
    int topGenes;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--reject-target-accuracy", paramLabel = "A",
        description = "Choose a reject threshold on held-out reference cells so that the accepted cells reach this "
            + "accuracy (in (0, 1]); query cells below it are labelled Unknown. Default: no reject option.")
    Double rejectTargetAccuracy;

    /**
     * Checks the options that need no file.
     *
     * @return the chosen method
     * @throws InvalidInputException if a value is out of range or the method unknown
     */
    Method checked() {
        Method m = Method.parse(method);
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads + ".");
        }
        if (rejectTargetAccuracy != null && !(rejectTargetAccuracy > 0 && rejectTargetAccuracy <= 1)) {
            throw new InvalidInputException("--reject-target-accuracy must lie in (0, 1], e.g. 0.9, got "
                + rejectTargetAccuracy + ".");
        }
        Organism.taxon(organism);
        return m;
    }

    /**
     * Fits the method on the labelled reference cells.
     *
     * @param cells the reference cells in the gene space the model will have (and, for a transductive method, the
     *        query cells too)
     * @param train the labelled reference cells
     * @param unlabelled the query cells a transductive method fits on, or {@code null}
     * @param texts description files (given or the demo's)
     * @param embedders opens the text model
     * @param err receives notes and progress
     * @return the fitted method, with the reject option when one was asked for
     */
    FittedMethod fit(CellData cells, int[] train, int[] unlabelled, List<Path> texts, EmbedderFactory embedders,
            PrintWriter err) {
        Method m = checked();
        if (m.needsGeneVectors() && texts.isEmpty()) {
            throw new InvalidInputException("Method " + m.id() + " needs gene descriptions: give --descriptions "
                + "FILE[,FILE], or choose an expression method with --method.");
        }
        CellGenes cellGenes = null;
        GeneVectors vectors = null;
        String embedder = null;
        if (m.needsGeneVectors()) {
            cellGenes = CellGenes.select(cells, topGenes, CancellationToken.NONE);
            try (TextEmbedder e = embedders.open(embedding, threads)) {
                vectors = AnnotationSteps.geneVectors(Arrays.asList(cells.symbols()), texts,
                    Organism.taxon(organism), e, err);
                embedder = e.identity().toString();
            }
        }
        MethodPipeline pipeline = new MethodPipeline(cells, cellGenes, vectors,
            PipelineOptions.DEFAULTS.withThreads(threads).withWeighting(vote.weighting));
        FittedMethod.Reject reject = rejectTargetAccuracy == null ? null : chooseThreshold(pipeline, m, cells, train,
            err);
        FittedMethod fitted;
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, "fitting " + m.id())) {
            fitted = pipeline.fit(m, train, unlabelled, seed, CancellationToken.NONE, progress);
        }
        Map<String, String> about = new LinkedHashMap<>();
        about.put("reference_cells", Integer.toString(train.length));
        if (labelColumn != null) {
            about.put("label_column", labelColumn);
        }
        about.put("values", values.name());
        about.put("seed", Long.toString(seed));
        if (embedder != null) {
            about.put("text_model", embedder);
            about.put("top_genes", Integer.toString(topGenes));
        }
        fitted = fitted.withAbout(about);
        return reject == null ? fitted : fitted.withReject(reject);
    }

    /**
     * Splits a stratified share off the reference cells, fits on the rest and chooses the threshold on the held-out
     * part. Only reference labels are read: the labels of query cells never reach this step.
     */
    private FittedMethod.Reject chooseThreshold(MethodPipeline pipeline, Method m, CellData cells, int[] train,
            PrintWriter err) {
        String[] all = cells.labels();
        String[] reference = new String[all.length];
        for (int i : train) {
            reference[i] = all[i];
        }
        Splits.Plan plan;
        try {
            plan = Splits.plan(reference);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--reject-target-accuracy holds out reference cells of every class to "
                + "choose the threshold, which needs at least two classes with two or more labelled reference cells: "
                + e.getMessage());
        }
        Splits.Split split = Splits.stratified(reference, plan.eligible(), CALIBRATION_FRACTION, seed);
        // reference cells of classes too small to split are always fitted on
        TreeSet<Integer> fit = new TreeSet<>();
        for (int i : train) {
            fit.add(i);
        }
        for (int i : split.test()) {
            fit.remove(i);
        }
        int[] fitCells = fit.stream().mapToInt(Integer::intValue).toArray();
        MethodOutcome o;
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, "choosing the reject threshold")) {
            o = pipeline.run(m, fitCells, split.test(), seed, CancellationToken.NONE, progress);
        }
        boolean[] right = new boolean[split.test().length];
        for (int j = 0; j < right.length; j++) {
            right[j] = reference[split.test()[j]].equals(o.predicted()[j]);
        }
        RejectThreshold t = RejectThreshold.choose(o.confidence(), right,
            RejectThreshold.Target.accuracy(rejectTargetAccuracy));
        err.printf(Locale.ROOT, "reject threshold %.4f chosen on %d held-out reference cells (fitted on %d): "
            + "accuracy %.3f, coverage %.3f there%n", t.threshold(), t.cells(), fitCells.length, t.accuracy(),
            t.coverage());
        if (!t.targetReached()) {
            err.printf(Locale.ROOT, "note: no threshold reaches accuracy %.3f on the held-out cells; using the one "
                + "with the highest accuracy (%.3f)%n", rejectTargetAccuracy, t.accuracy());
        }
        return new FittedMethod.Reject(t.threshold(), t.target().value(), t.targetReached(), t.cells(),
            fitCells.length, t.accuracy(), t.coverage(), Calibration.of(o.confidence(), right).ece());
    }
}
