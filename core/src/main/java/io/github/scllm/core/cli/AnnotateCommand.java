package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.evaluate.FittedMethod;
import io.github.scllm.core.evaluate.Method;
import io.github.scllm.core.evaluate.QueryCells;
import io.github.scllm.core.evaluate.Splits;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.report.EmbeddingPlot;
import io.github.scllm.core.report.Umap;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        + "cell) and OUT/metrics.json (wall time, peak heap and, when the query carries the label column too, the "
        + "scores); prints the metrics. The reference is held in memory, the query streams through in chunks.",
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
    /** Largest query drawn as a UMAP picture (its layout holds every cell's vector in memory). */
    static final int PLOT_LIMIT = 50_000;

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

    @Mixin
    FitOptions fit = new FitOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the results to.")
    Path out;

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
        RunStats stats = new RunStats();
        Method m = fit.checked();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> temporary = new ArrayList<>();
        try {
            if (demo) {
                runDemo(m, err, temporary, stats);
            } else {
                runFiles(m, err, stats);
            }
        } finally {
            for (Path t : temporary) {
                Files.deleteIfExists(t);
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Reads the reference into memory and streams the query: the method is fitted on the reference in the gene space
     * it shares with the query (the expression steps use the genes of both), then labels the query chunk by chunk.
     * A transductive method fits on the query cells too, so for it the query is read into memory as well.
     */
    private void runFiles(Method m, PrintWriter err, RunStats stats) throws IOException {
        if (reference == null || query == null) {
            throw new InvalidInputException("Give --reference FILE and --query FILE, or --demo.");
        }
        if (fit.labelColumn == null || fit.labelColumn.isBlank()) {
            throw new InvalidInputException("Give --label-column: the reference's per-cell column of labels.");
        }
        ReadOptions ro = matrixOptions.toReadOptions(InvalidValuePolicy.REJECT);
        CellData ref = AnnotationSteps.readCells(reference, ro, fit.labelColumn, true, fit.values.scale, err,
            "reading " + reference);
        try (CellMatrixReader queryReader = MatrixOptions.open(query, ro, err)) {
            ExpressionScale queryScale = AnnotationSteps.scaleOf(fit.values.scale, queryReader, query, err);
            if (m == Method.TRANSDUCTIVE_PCA_CENTROID) {
                CellData qry;
                try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, "reading " + query)) {
                    qry = CellData.read(queryReader, fit.labelColumn, false, queryScale, CancellationToken.NONE,
                        progress);
                }
                CellData all = CellData.concat(ref, qry);
                int[] test = new int[qry.cellCount()];
                for (int i = 0; i < test.length; i++) {
                    test[i] = ref.cellCount() + i;
                }
                label(m, all, ref.geneCount(), labelled(ref), test, fit.descriptions, err, stats);
                return;
            }
            CellData cells = ref.withGenesOf(queryReader.summary().geneSymbols());
            int[] train = labelled(ref);
            FittedMethod fitted = fitted(cells, ref.geneCount(), train, null, fit.descriptions, err);
            QueryCells queryCells = new QueryCells(queryReader, fitted, fit.labelColumn, queryScale);
            write(fitted, train.length, queryCells.cellCount(), queryCells::read, err, stats);
        }
    }

    private FittedMethod fitted(CellData cells, int referenceGenes, int[] train, int[] unlabelled, List<Path> texts,
            PrintWriter err) {
        if (cells.expressionGeneCount() < referenceGenes) {
            err.printf("note: %d of the reference's %d genes are in the query; the expression methods use those%n",
                cells.expressionGeneCount(), referenceGenes);
        }
        FittedMethod fitted = fit.fit(cells, train, unlabelled, texts, embedders, err);
        fitted.notes().forEach(n -> err.printf("note: %s%n", n));
        return fitted;
    }

    /** Fits on cells held in memory and labels the given ones of them. */
    private void label(Method m, CellData cells, int referenceGenes, int[] train, int[] test, List<Path> texts,
            PrintWriter err, RunStats stats) throws IOException {
        FittedMethod fitted = fitted(cells, referenceGenes, train, m == Method.TRANSDUCTIVE_PCA_CENTROID ? test : null,
            texts, err);
        write(fitted, train.length, test.length, (first, count) -> cells.batch(Arrays.copyOfRange(test,
            (int) first, (int) first + count)), err, stats);
    }

    /** @return the reference cells that have a label (the others are left out, with a note) */
    private int[] labelled(CellData ref) {
        String[] labels = ref.labels();
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != null) {
                train.add(i);
            }
        }
        if (train.size() < labels.length) {
            spec.commandLine().getErr().printf("note: %d reference cells without a label are left out%n",
                labels.length - train.size());
        }
        return train.stream().mapToInt(Integer::intValue).toArray();
    }

    private void runDemo(Method m, PrintWriter err, List<Path> temporary, RunStats stats) throws IOException {
        if (reference != null || query != null) {
            throw new InvalidInputException("--demo brings its own data; leave out --reference and --query.");
        }
        Path matrix = extract(DEMO_MATRIX, temporary);
        if (matrix == null) {
            throw new InvalidInputException("The demo data " + DEMO_MATRIX + " is not part of this build of scllm.");
        }
        List<Path> texts = fit.descriptions;
        if (texts.isEmpty() && m.needsGeneVectors()) {
            Path d = extract(DEMO_DESCRIPTIONS, temporary);
            if (d == null) {
                throw new InvalidInputException("The demo gene description file " + DEMO_DESCRIPTIONS + " is not part "
                    + "of this build of scllm; give one with --descriptions FILE.");
            }
            texts = List.of(d);
        }
        String column = fit.labelColumn == null ? DEMO_LABEL_COLUMN : fit.labelColumn;
        CellData cells = AnnotationSteps.readCells(matrix, ReadOptions.DEFAULTS, column, true,
            AnnotationSteps.Values.counts.scale, err, "reading the demo data");
        String[] labels = cells.labels();
        Splits.Split split = Splits.stratified(labels, Splits.plan(labels).eligible(), DEMO_QUERY_FRACTION, fit.seed);
        err.printf("demo: SYNTHETIC data, %d cells; %d as labelled reference, %d as query (seed %d)%n",
            cells.cellCount(), split.train().length, split.test().length, fit.seed);
        label(m, cells, cells.geneCount(), split.train(), split.test(), texts, err, stats);
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

    /** Labels the query chunk by chunk, writes the results and prints the summary. */
    private void write(FittedMethod fitted, int referenceCells, int queryCells, QueryLabelling.Source source,
            PrintWriter err, RunStats stats) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        try (PredictionOutput output = new PredictionOutput(out, true, plot == null ? 0 : PLOT_LIMIT)) {
            QueryLabelling.run(fitted, queryCells, source, QueryLabelling.DEFAULT_CHUNK_CELLS,
                QueryLabelling.Shard.ALL, output, err, "labelling " + queryCells + " query cells");
            output.commit();
            if (output.cellsWithoutGeneVector() > 0) {
                err.printf("note: %d of %d query cells have no described top gene (zero vector)%n",
                    output.cellsWithoutGeneVector(), queryCells);
            }
            if (fitted.vectorSpace() == null) {
                err.printf("note: %s works on the expression itself; no embeddings.tsv is written%n",
                    fitted.method().id());
            }
            stdout.printf("%s: %d reference cells, %d query cells -> %s%n", fitted.method().id(), referenceCells,
                queryCells, out.resolve("predictions.csv"));
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("method", fitted.method().id());
            run.put("n_reference", referenceCells);
            run.put("n_query", queryCells);
            output.finish(run, fitted, stats, stdout, err);
            float[][] vectors = output.plotVectors();
            if (plot != null && vectors != null) {
                Path png = out.resolve("query_umap.png");
                plot.write(png, vectors, output.plotLabels(), fit.seed);
                err.printf("wrote %s%n", png);
            } else if (plot != null && fitted.vectorSpace() != null) {
                err.printf("note: no UMAP picture for more than %d query cells%n", PLOT_LIMIT);
            }
        }
        err.flush();
    }
}
