package io.github.scllm.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.CellGenes;
import io.github.scllm.core.evaluate.Evaluation;
import io.github.scllm.core.evaluate.EvaluationOptions;
import io.github.scllm.core.evaluate.EvaluationReport;
import io.github.scllm.core.evaluate.GeneVectors;
import io.github.scllm.core.evaluate.Method;
import io.github.scllm.core.evaluate.PipelineOptions;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.io.InvalidValuePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm evaluate}: the method next to its baselines and controls on one labelled file. */
@Command(name = "evaluate", description = {
    "Score the annotation method next to expression baselines and a random-vector control on a labelled file: "
        + "each method is fitted on the training cells of a seeded stratified split (or N cells per class) and "
        + "scored on the test cells; prints accuracy, macro F1, weighted F1 and Cohen's kappa (mean ± sd over seeds), "
        + "and the expected calibration error (ECE) of each method's confidence on the test cells (10 bins).",
    "Methods: " + "expression_pca_knn, logistic_regression, description_knn, description_contrastive_knn, "
        + "hybrid_contrastive_knn, transductive_pca_centroid, random_vectors_knn, random_vectors_contrastive_knn, "
        + "random_hybrid_contrastive_knn (the controls: random gene vectors with the same learning as "
        + "description_knn, description_contrastive_knn and hybrid_contrastive_knn), correlation_reference "
        + "(SingleR-style Spearman correlation to the reference cells on pairwise marker genes, with fine-tuning)."})
public final class EvaluateCommand implements Callable<Integer> {

    /** Test fraction or a fixed number of training cells per class. */
    static final class SplitChoice {
        @Option(names = "--test-fraction", paramLabel = "F",
            description = "Share of each class scored (default 0.2).")
        Double testFraction;

        @Option(names = "--train-per-class", paramLabel = "N",
            description = "Train on N cells per class (at most size - 1) and score all others: the few-labels regime.")
        Integer trainPerClass;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The labelled matrix file or folder.")
    Path input;

    @Mixin
    MatrixOptions matrixOptions;

    @Option(names = "--label-column", required = true, paramLabel = "COL",
        description = "The per-cell column holding the cell type labels.")
    String labelColumn;

    @Option(names = "--labels", paramLabel = "FILE",
        description = "A TSV/CSV keyed by cell ID (first column) holding --label-column, for inputs without "
            + "per-cell annotation (e.g. a 10x folder).")
    Path labelTable;

    @Option(names = "--values", defaultValue = "auto", paramLabel = "auto|counts|lognorm",
        description = "What the matrix holds: raw counts (log-normalised here), log1p of counts per 10k (used as "
            + "they are), or auto: told from the file's first cells (default: ${DEFAULT-VALUE}).")
    AnnotationSteps.Values values;

    @Option(names = "--descriptions", split = ",", paramLabel = "PATH",
        description = "Gene description files: NCBI gene_info and/or symbol-to-summary tables (needed by the "
            + "description, hybrid and random-vector methods).")
    List<Path> descriptions = new ArrayList<>();

    @Option(names = "--organism", defaultValue = "human", paramLabel = "human|mouse|TAXID",
        description = "Organism of the genes (default: ${DEFAULT-VALUE}).")
    String organism;

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SplitChoice split = new SplitChoice();

    @Option(names = "--seeds", split = ",", defaultValue = "1", paramLabel = "SEED",
        description = "One split per seed (default: ${DEFAULT-VALUE}); mean and sd are over seeds.")
    List<Long> seeds;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
        description = "Methods to run, in this order (default: all).")
    List<String> methods = new ArrayList<>();

    @Option(names = "--knn-vote", defaultValue = "uniform", paramLabel = "VOTE", description = AnnotationSteps.VOTE_HELP)
    AnnotationSteps.Vote vote;

    @Option(names = "--top-genes", defaultValue = "20", paramLabel = "N",
        description = "Top expressed genes per cell for the description embedding (default: ${DEFAULT-VALUE}).")
    int topGenes;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    /** Opens the text embedding model; replaceable before the command runs. */
    EmbedderFactory embedders = EmbedderFactory.DEFAULT;

    @Override
    public Integer call() throws IOException {
        RunStats stats = new RunStats();
        PrintWriter err = spec.commandLine().getErr();
        EvaluationOptions options = options();
        int taxon = Organism.taxon(organism);
        if (options.needsGeneVectors() && descriptions.isEmpty()) {
            throw new InvalidInputException("The methods " + options.methods().stream().filter(Method::needsGeneVectors)
                .map(Method::id).toList() + " need gene descriptions: give --descriptions FILE[,FILE], or choose "
                + "expression methods only with --methods.");
        }
        CellData cells = AnnotationSteps.readCells(input, matrixOptions.toReadOptions(InvalidValuePolicy.REJECT),
            labelTable == null ? labelColumn : null, labelTable == null, values.scale, err, "reading " + input);
        if (labelTable != null) {
            Map<String, String> labels = AnnotationSteps.readLabelTable(labelTable, labelColumn);
            cells = cells.withLabels(labels, labelTable.toString());
        }
        CellGenes cellGenes = null;
        GeneVectors vectors = null;
        if (options.needsGeneVectors()) {
            cellGenes = CellGenes.select(cells, topGenes, CancellationToken.NONE);
            try (TextEmbedder embedder = embedders.open(embedding, threads)) {
                vectors = AnnotationSteps.geneVectors(cellGenes.distinctSymbols(), descriptions, taxon, embedder, err);
            }
        }
        EvaluationReport report;
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, "evaluating")) {
            report = Evaluation.run(cells, cellGenes, vectors, options, CancellationToken.NONE, progress);
        }
        if (!report.setAsideClasses().isEmpty() || report.unlabelledCells() > 0) {
            err.printf("set aside: %d unlabelled cells; classes with fewer than 2 cells: %s%n",
                report.unlabelledCells(), report.setAsideClasses());
        }
        report.notes().forEach((m, notes) -> notes.forEach(n -> err.printf("note (%s): %s%n", m.id(), n)));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>(report.toJsonMap());
            stats.putInto(result);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            out.printf("%d training / %d test cells, seeds %s%n", report.trainCells(), report.testCells(),
                report.seeds());
            AnnotationSteps.printTable(out, report.summaries(), report.seeds().size() > 1);
            printCalibration(out, report);
            out.printf(Locale.ROOT, "%nwall time %.1f s, peak heap %d MB%n", stats.wallSeconds(),
                stats.peakHeapBytes() >> 20);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** One line per method: the expected calibration error of its confidence on the test cells. */
    private static void printCalibration(PrintWriter out, EvaluationReport report) {
        int width = "method".length();
        for (EvaluationReport.Summary s : report.summaries()) {
            width = Math.max(width, s.method().id().length());
        }
        out.printf("%nexpected calibration error of the confidence on the test cells (%d bins; 0 = confidence "
            + "matches accuracy)%n", Calibration.DEFAULT_BINS);
        out.printf("%-" + (width + 2) + "s%s%n", "method", "ece");
        boolean sd = report.seeds().size() > 1;
        for (EvaluationReport.Summary s : report.summaries()) {
            EvaluationReport.Stat ece = report.ece(s.method());
            String value = ece == null ? "-" : sd ? String.format(Locale.ROOT, "%.3f ± %.3f", ece.mean(), ece.sd())
                : String.format(Locale.ROOT, "%.3f", ece.mean());
            out.printf("%-" + (width + 2) + "s%s%n", s.method().id(), value);
        }
    }

    private EvaluationOptions options() {
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads + ".");
        }
        EvaluationOptions o = EvaluationOptions.DEFAULTS.withSeeds(seeds)
            .withPipeline(PipelineOptions.DEFAULTS.withThreads(threads).withWeighting(vote.weighting));
        if (!methods.isEmpty()) {
            o = o.withMethods(Method.parseAll(methods));
        }
        SplitChoice choice = split == null ? new SplitChoice() : split;
        if (choice.trainPerClass != null) {
            if (choice.trainPerClass < 1) {
                throw new InvalidInputException("--train-per-class must be at least 1, got " + choice.trainPerClass
                    + ".");
            }
            o = o.withTrainPerClass(choice.trainPerClass);
        } else if (choice.testFraction != null) {
            o = o.withTestFraction(choice.testFraction);
        }
        return o;
    }
}
