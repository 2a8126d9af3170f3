package io.github.scllm.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.classify.ClassScore;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.RejectThreshold;
import io.github.scllm.core.classify.UnknownPolicy;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.CellGenes;
import io.github.scllm.core.evaluate.EvaluationReport;
import io.github.scllm.core.evaluate.GeneVectors;
import io.github.scllm.core.evaluate.Method;
import io.github.scllm.core.evaluate.MethodOutcome;
import io.github.scllm.core.evaluate.MethodPipeline;
import io.github.scllm.core.evaluate.PipelineOptions;
import io.github.scllm.core.evaluate.Splits;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.report.EmbeddingPlot;
import io.github.scllm.core.report.Umap;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm annotate}: fit one method on a labelled reference and label the cells of a query. */
@Command(name = "annotate", description = {
    "Fit a method on a labelled reference and label the query cells. Writes OUT/predictions.csv "
        + "(cell_id,predicted_label,confidence), OUT/embeddings.tsv (the vectors the classifier used for each query "
        + "cell) and, when the query carries the label column too, OUT/metrics.json; prints the metrics.",
    "--demo runs on the synthetic demo data shipped with scllm (a seeded stratified 80/20 split into reference "
        + "and query), offline.",
    "--reject-target-accuracy A holds out a stratified 20%% of the reference cells, fits on the rest, chooses the "
        + "smallest confidence threshold whose accepted held-out cells reach accuracy A, then fits on the whole "
        + "reference and labels query cells below the threshold 'Unknown'. The query's labels are never used for it."})
public final class AnnotateCommand implements Callable<Integer> {
    static final String DEMO_RESOURCE = "/io/github/scllm/core/demo/";
    static final String DEMO_MATRIX = "pbmc_demo.h5ad";
    static final String DEMO_DESCRIPTIONS = "pbmc_demo_descriptions.tsv";
    static final String DEMO_LABEL_COLUMN = "cell_type";
    /** Share of the demo cells used as query. */
    static final double DEMO_QUERY_FRACTION = 0.2;
    /** Share of the reference cells held out to choose the reject threshold. */
    static final double CALIBRATION_FRACTION = 0.2;

    @Spec
    CommandSpec spec;

    @Option(names = "--reference", paramLabel = "FILE", description = "The labelled reference matrix.")
    Path reference;

    @Option(names = "--query", paramLabel = "FILE", description = "The matrix of the cells to label.")
    Path query;

    @Option(names = "--demo", description = "Use the shipped synthetic demo data (and its gene description file "
        + "unless --descriptions is given).")
    boolean demo;

    @Mixin
    MatrixOptions matrixOptions;

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
            + "hybrid_contrastive_knn, transductive_pca_centroid, random_vectors_knn (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of every random step (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--top-genes", defaultValue = "20", paramLabel = "N",
        description = "Top expressed genes per cell for the description embedding (default: ${DEFAULT-VALUE}).")
    int topGenes;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the results to.")
    Path out;

    @Option(names = "--reject-target-accuracy", paramLabel = "A",
        description = "Choose a reject threshold on held-out reference cells so that the accepted cells reach this "
            + "accuracy (in (0, 1]); query cells below it are labelled Unknown. Default: no reject option.")
    Double rejectTargetAccuracy;

    /** Opens the text embedding model; replaceable before the command runs. */
    EmbedderFactory embedders = EmbedderFactory.DEFAULT;

    /** Draws the query cells coloured by predicted label into OUT/query_umap.png; none when null. */
    QueryPlot plot = (png, vectors, labels, layoutSeed) -> {
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "UMAP picture")) {
            EmbeddingPlot.writeUmapPng(vectors, labels, png, Umap.Options.DEFAULTS.withSeed(layoutSeed),
                "Query cells coloured by predicted label (UMAP)", CancellationToken.NONE, progress);
        }
    };

    @Override
    public Integer call() throws IOException {
        Method m = Method.parse(method);
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads + ".");
        }
        if (rejectTargetAccuracy != null && !(rejectTargetAccuracy > 0 && rejectTargetAccuracy <= 1)) {
            throw new InvalidInputException("--reject-target-accuracy must lie in (0, 1], e.g. 0.9, got "
                + rejectTargetAccuracy + ".");
        }
        int taxon = Organism.taxon(organism);
        PrintWriter err = spec.commandLine().getErr();
        List<Path> temporary = new ArrayList<>();
        try {
            Prepared p = demo ? prepareDemo(m.needsGeneVectors(), err, temporary) : prepareFiles(err);
            if (m.needsGeneVectors() && p.descriptions.isEmpty()) {
                throw new InvalidInputException("Method " + m.id() + " needs gene descriptions: give --descriptions "
                    + "FILE[,FILE], or choose an expression method with --method.");
            }
            CellGenes cellGenes = null;
            GeneVectors vectors = null;
            if (m.needsGeneVectors()) {
                cellGenes = CellGenes.select(p.cells, topGenes, CancellationToken.NONE);
                try (TextEmbedder embedder = embedders.open(embedding, threads)) {
                    vectors = AnnotationSteps.geneVectors(cellGenes, p.descriptions, taxon, embedder, err);
                }
            }
            MethodPipeline pipeline = new MethodPipeline(p.cells, cellGenes, vectors,
                PipelineOptions.DEFAULTS.withThreads(threads));
            Held held = rejectTargetAccuracy == null ? null : chooseThreshold(pipeline, m, p, err);
            MethodOutcome outcome;
            try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, "fitting " + m.id())) {
                outcome = pipeline.run(m, p.train, p.test, seed, CancellationToken.NONE, progress);
            }
            outcome.notes().forEach(n -> err.printf("note: %s%n", n));
            write(p, m, outcome, held, err);
        } finally {
            for (Path t : temporary) {
                Files.deleteIfExists(t);
            }
        }
        return ExitCodes.OK;
    }

    /** Cells joined into one gene space, the reference (training) rows and the query rows. */
    private record Prepared(CellData cells, int[] train, int[] test, List<Path> descriptions) {
    }

    /**
     * The reject threshold chosen on held-out reference cells, and the calibration of the confidence there.
     *
     * @param fitCells reference cells the held-out fit used
     * @param threshold the threshold and its held-out accuracy and coverage
     * @param calibration the calibration of the held-out confidences before rejection
     */
    private record Held(int fitCells, RejectThreshold threshold, Calibration calibration) {
    }

    /**
     * Splits a stratified share off the reference cells, fits on the rest and chooses the threshold on the held-out
     * part. Only reference labels are read: the labels of the query cells never reach this step.
     */
    private Held chooseThreshold(MethodPipeline pipeline, Method m, Prepared p, PrintWriter err) {
        String[] all = p.cells.labels();
        String[] reference = new String[all.length];
        for (int i : p.train) {
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
        for (int i : p.train) {
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
        return new Held(fitCells.length, t, Calibration.of(o.confidence(), right));
    }

    private Prepared prepareFiles(PrintWriter err) {
        if (reference == null || query == null) {
            throw new InvalidInputException("Give --reference FILE and --query FILE, or --demo.");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new InvalidInputException("Give --label-column: the reference's per-cell column of labels.");
        }
        ReadOptions ro = matrixOptions.toReadOptions(InvalidValuePolicy.REJECT);
        CellData ref = AnnotationSteps.readCells(reference, ro, labelColumn, true, values.scale, err,
            "reading " + reference);
        CellData qry = AnnotationSteps.readCells(query, ro, labelColumn, false, values.scale, err, "reading " + query);
        CellData all = CellData.concat(ref, qry);
        if (all.expressionGeneCount() < ref.geneCount()) {
            err.printf("note: %d of the reference's %d genes are in the query; the expression methods use those%n",
                all.expressionGeneCount(), ref.geneCount());
        }
        String[] labels = ref.labels();
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != null) {
                train.add(i);
            }
        }
        if (train.size() < labels.length) {
            err.printf("note: %d reference cells without a label are left out%n", labels.length - train.size());
        }
        int[] test = new int[qry.cellCount()];
        for (int i = 0; i < test.length; i++) {
            test[i] = ref.cellCount() + i;
        }
        return new Prepared(all, train.stream().mapToInt(Integer::intValue).toArray(), test, descriptions);
    }

    private Prepared prepareDemo(boolean needsTexts, PrintWriter err, List<Path> temporary) throws IOException {
        if (reference != null || query != null) {
            throw new InvalidInputException("--demo brings its own data; leave out --reference and --query.");
        }
        Path matrix = extract(DEMO_MATRIX, temporary);
        if (matrix == null) {
            throw new InvalidInputException("The demo data " + DEMO_MATRIX + " is not part of this build of scllm.");
        }
        List<Path> texts = descriptions;
        if (texts.isEmpty() && needsTexts) {
            Path d = extract(DEMO_DESCRIPTIONS, temporary);
            if (d == null) {
                throw new InvalidInputException("The demo gene description file " + DEMO_DESCRIPTIONS + " is not part "
                    + "of this build of scllm; give one with --descriptions FILE.");
            }
            texts = List.of(d);
        }
        String column = labelColumn == null ? DEMO_LABEL_COLUMN : labelColumn;
        CellData cells = AnnotationSteps.readCells(matrix, ReadOptions.DEFAULTS, column, true,
            AnnotationSteps.Values.counts.scale, err, "reading the demo data");
        String[] labels = cells.labels();
        Splits.Split split = Splits.stratified(labels, Splits.plan(labels).eligible(), DEMO_QUERY_FRACTION, seed);
        err.printf("demo: SYNTHETIC data, %d cells; %d as labelled reference, %d as query (seed %d)%n",
            cells.cellCount(), split.train().length, split.test().length, seed);
        return new Prepared(cells, split.train(), split.test(), texts);
    }

    /** Copies a packaged demo file to a temporary file, or returns null when the build lacks it. */
    private static Path extract(String name, List<Path> temporary) throws IOException {
        try (InputStream in = AnnotateCommand.class.getResourceAsStream(DEMO_RESOURCE + name)) {
            if (in == null) {
                return null;
            }
            int dot = name.lastIndexOf('.');
            Path tmp = Files.createTempFile("scllm-demo-", name.substring(dot));
            temporary.add(tmp);
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }

    private void write(Prepared p, Method m, MethodOutcome raw, Held held, PrintWriter err) throws IOException {
        String[] ids = p.cells.cellIds();
        String[] labels = p.cells.labels();
        MethodOutcome o = held == null ? raw : new MethodOutcome(raw.method(),
            held.threshold().apply(raw.predicted(), raw.confidence()), raw.confidence(), raw.testVectors(),
            raw.vectorSpace(), raw.notes());
        try (AtomicOutput csv = new AtomicOutput(out.resolve("predictions.csv"))) {
            BufferedWriter w = csv.writer();
            w.write("cell_id,predicted_label,confidence\n");
            for (int i = 0; i < p.test.length; i++) {
                w.write(csvField(ids[p.test[i]]) + ',' + csvField(o.predicted()[i]) + ','
                    + String.format(Locale.ROOT, "%.6f", o.confidence()[i]) + '\n');
            }
            csv.commit();
        }
        if (o.testVectors() != null) {
            try (AtomicOutput tsv = new AtomicOutput(out.resolve("embeddings.tsv"))) {
                BufferedWriter w = tsv.writer();
                int dim = o.testVectors().length == 0 ? 0 : o.testVectors()[0].length;
                StringBuilder header = new StringBuilder("cell_id");
                for (int d = 1; d <= dim; d++) {
                    header.append('\t').append(o.vectorSpace().replace('-', '_')).append('_').append(d);
                }
                w.write(header + "\n");
                for (int i = 0; i < p.test.length; i++) {
                    StringBuilder line = new StringBuilder(AtomicOutput.field(ids[p.test[i]]));
                    for (float x : o.testVectors()[i]) {
                        line.append('\t').append(x);
                    }
                    w.write(line + "\n");
                }
                tsv.commit();
            }
        } else {
            err.printf("note: %s works on the expression itself; no embeddings.tsv is written%n", m.id());
        }
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        List<Double> confidence = new ArrayList<>();
        List<String> rawPredicted = new ArrayList<>();
        for (int i = 0; i < p.test.length; i++) {
            if (labels[p.test[i]] != null) {
                truth.add(labels[p.test[i]]);
                predicted.add(o.predicted()[i]);
                rawPredicted.add(raw.predicted()[i]);
                confidence.add(raw.confidence()[i]);
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s: %d reference cells, %d query cells -> %s%n", m.id(), p.train.length, p.test.length,
            out.resolve("predictions.csv"));
        if (held != null) {
            int rejected = 0;
            for (String l : o.predicted()) {
                rejected += Classifier.UNKNOWN.equals(l) ? 1 : 0;
            }
            stdout.printf(Locale.ROOT, "reject threshold %.4f (target accuracy %.3f on held-out reference cells: "
                + "accuracy %.3f, coverage %.3f); %d of %d query cells labelled %s%n", held.threshold().threshold(),
                rejectTargetAccuracy, held.threshold().accuracy(), held.threshold().coverage(), rejected,
                p.test.length, Classifier.UNKNOWN);
        }
        if (!truth.isEmpty() && predicted.stream().allMatch(Classifier.UNKNOWN::equals)) {
            err.printf("note: every labelled query cell is %s; no metrics to compute%n", Classifier.UNKNOWN);
            writeMetrics(m, p, null, null, held);
        } else if (!truth.isEmpty()) {
            AnnotationMetrics metrics = AnnotationMetrics.score(truth.toArray(String[]::new),
                predicted.toArray(String[]::new), UnknownPolicy.EXCLUDE);
            // the classifier's own calibration on the labelled query cells, before any rejection
            Calibration calibration = Calibration.ofPredictions(truth.toArray(String[]::new),
                rawPredicted.toArray(String[]::new), confidence.stream().mapToDouble(Double::doubleValue).toArray(),
                Calibration.DEFAULT_BINS).orElse(null);
            writeMetrics(m, p, metrics, calibration, held);
            EvaluationReport.Stat[] s = {stat(metrics.accuracy()), stat(metrics.macroF1()),
                stat(metrics.weightedF1()), stat(metrics.kappa())};
            stdout.printf("scored %d labelled query cells%n", truth.size());
            AnnotationSteps.printTable(stdout, List.of(new EvaluationReport.Summary(m, s[0], s[1], s[2], s[3])),
                false);
        } else {
            if (held != null) {
                writeMetrics(m, p, null, null, held);
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (String l : o.predicted()) {
                counts.merge(l, 1, Integer::sum);
            }
            stdout.printf("predicted labels: %s%n", counts);
        }
        stdout.flush();
        if (plot != null && o.testVectors() != null) {
            Path png = out.resolve("query_umap.png");
            plot.write(png, o.testVectors(), o.predicted(), seed);
            err.printf("wrote %s%n", png);
        }
        err.flush();
    }

    private static EvaluationReport.Stat stat(double v) {
        return new EvaluationReport.Stat(v, 0);
    }

    /**
     * Writes OUT/metrics.json: the query metrics when the query is labelled, the reject threshold when one was chosen.
     */
    private void writeMetrics(Method m, Prepared p, AnnotationMetrics metrics, Calibration calibration, Held held) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", m.id());
        json.put("n_reference", p.train.length);
        json.put("n_query", p.test.length);
        if (held != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            RejectThreshold t = held.threshold();
            r.put("target_accuracy", t.target().value());
            r.put("threshold", t.threshold());
            r.put("target_reached", t.targetReached());
            r.put("calibration_cells", t.cells());
            r.put("fit_cells", held.fitCells());
            r.put("calibration_accuracy", t.accuracy());
            r.put("calibration_coverage", t.coverage());
            r.put("calibration_ece", held.calibration().ece());
            json.put("reject", r);
        }
        if (metrics != null) {
            putQueryMetrics(json, metrics, calibration);
        }
        try (AtomicOutput file = new AtomicOutput(out.resolve("metrics.json"))) {
            file.writer().write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json) + "\n");
            file.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out.resolve("metrics.json") + ": " + e.getMessage(), e);
        }
    }

    private static void putQueryMetrics(Map<String, Object> json, AnnotationMetrics metrics,
        Calibration calibration) {
        json.put("n_scored", metrics.total());
        json.put("n_unknown", metrics.rejected());
        json.put("coverage", metrics.coverage());
        json.put("accuracy", metrics.accuracy());
        json.put("macro_f1", metrics.macroF1());
        json.put("weighted_f1", metrics.weightedF1());
        json.put("kappa", metrics.kappa());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (ClassScore c : metrics.perClass()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", c.label());
            row.put("precision", c.precision());
            row.put("recall", c.recall());
            row.put("f1", c.f1());
            row.put("support", c.support());
            perClass.add(row);
        }
        json.put("per_class", perClass);
        if (calibration != null) {
            json.put("ece", calibration.ece());
            json.put("mce", calibration.mce());
        }
    }

    /** Quotes a CSV field when it holds a comma, a quote or a line break. */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
