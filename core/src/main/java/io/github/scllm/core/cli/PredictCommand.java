package io.github.scllm.core.cli;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.evaluate.FittedMethod;
import io.github.scllm.core.evaluate.ModelFile;
import io.github.scllm.core.evaluate.QueryCells;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.InvalidValuePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm predict}: label the cells of a query file with a model written by {@code scllm fit}. */
@Command(name = "predict", description = {
    "Label the cells of a query file with a model written by scllm fit, streaming the query in chunks: memory "
        + "depends on the model and the chunk size, not on the number of query cells. Writes OUT/predictions.csv "
        + "(cell_id,predicted_label,confidence), OUT/metrics.json (wall time, cells/s, peak heap and, with "
        + "--label-column and a labelled query, the scores) and with --embeddings OUT/embeddings.tsv.",
    "--shard I/N labels only every N-th chunk starting with chunk I, so N runs (on one or many machines) with the "
        + "same --chunk-cells cover the query exactly once; concatenate their predictions.csv files without their "
        + "header lines."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model file written by scllm fit.")
    Path model;

    @Option(names = "--query", required = true, paramLabel = "FILE", description = "The matrix of the cells to label.")
    Path query;

    @Mixin
    MatrixOptions matrixOptions;

    @Option(names = "--label-column", paramLabel = "COL",
        description = "The query's per-cell column of known labels, to score the predictions (optional).")
    String labelColumn;

    @Option(names = "--values", defaultValue = "auto", paramLabel = "auto|counts|lognorm",
        description = "What the query matrix holds: raw counts (log-normalised here), log1p of counts per 10k (used "
            + "as they are), or auto: told from the file's first cells (default: ${DEFAULT-VALUE}).")
    AnnotationSteps.Values values;

    @Option(names = "--shard", defaultValue = "1/1", paramLabel = "I/N",
        description = "Label only shard I of N: every N-th chunk of cells (default: ${DEFAULT-VALUE}, all).")
    String shard;

    @Option(names = "--chunk-cells", defaultValue = "" + QueryLabelling.DEFAULT_CHUNK_CELLS, paramLabel = "N",
        description = "Cells read and labelled at a time (default: ${DEFAULT-VALUE}); shards of one query must use "
            + "the same value.")
    int chunkCells;

    @Option(names = "--embeddings", description = "Also write OUT/embeddings.tsv, the vectors the classifier used.")
    boolean embeddings;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the results to.")
    Path out;

    @Override
    public Integer call() throws IOException {
        RunStats stats = new RunStats();
        QueryLabelling.Shard part = QueryLabelling.Shard.parse(shard);
        if (chunkCells < 1 || threads < 1) {
            throw new InvalidInputException("--chunk-cells and --threads must be at least 1, got " + chunkCells
                + " and " + threads + ".");
        }
        PrintWriter err = spec.commandLine().getErr();
        FittedMethod fitted = read(model, threads);
        try (CellMatrixReader reader = MatrixOptions.open(query,
                matrixOptions.toReadOptions(InvalidValuePolicy.REJECT), err)) {
            QueryCells cells = new QueryCells(reader, fitted, labelColumn,
                AnnotationSteps.scaleOf(values.scale, reader, query, err));
            if (labelColumn != null && !cells.hasLabels()) {
                err.printf("note: %s has no per-cell column '%s'; the predictions are not scored%n", query,
                    labelColumn);
            }
            if (cells.unmatchedGenes() > 0) {
                err.printf("note: %d genes of the query are not in the model and are ignored%n",
                    cells.unmatchedGenes());
            }
            if (cells.missingExpressionGenes() > 0) {
                err.printf("note: %d of the model's %d expression genes are missing from the query and count as zero; "
                    + "fit with --query-genes %s to use only the shared genes%n", cells.missingExpressionGenes(),
                    fitted.expressionGeneCount(), query);
            }
            PrintWriter stdout = spec.commandLine().getOut();
            try (PredictionOutput output = new PredictionOutput(out, embeddings, 0)) {
                int labelled = QueryLabelling.run(fitted, cells.cellCount(), cells::read, chunkCells, part, output,
                    err, "labelling " + query);
                output.commit();
                if (output.cellsWithoutGeneVector() > 0) {
                    err.printf("note: %d of %d query cells have no top gene with a text vector (zero vector)%n",
                        output.cellsWithoutGeneVector(), labelled);
                }
                stdout.printf("%s: %d of %d query cells (shard %d/%d) -> %s%n", fitted.method().id(), labelled,
                    cells.cellCount(), part.index(), part.count(), out.resolve("predictions.csv"));
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("method", fitted.method().id());
                run.put("model", model.toAbsolutePath().toString());
                run.put("query", query.toAbsolutePath().toString());
                run.put("n_query", cells.cellCount());
                run.put("n_labelled", labelled);
                run.put("shard", part.index() + "/" + part.count());
                run.put("chunk_cells", chunkCells);
                output.finish(run, fitted, stats, stdout, err);
            }
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** Reads a model file, with a message that says how to get one when it is missing. */
    static FittedMethod read(Path file, int threads) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelFile.read(in, file.toString(), threads);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Model file " + file + " does not exist; write one with scllm fit.", e);
        }
    }
}
