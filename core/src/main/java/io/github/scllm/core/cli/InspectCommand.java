package io.github.scllm.core.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.MatrixStatistics;
import io.github.scllm.core.io.MatrixSummary;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.io.ValueKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scllm inspect}: what a matrix file holds, as the Read scRNA node would read it. */
@Command(name = "inspect", description = "Show format, shape, stored values, sum and per-cell annotation columns "
    + "of a single-cell matrix (h5ad, 10x .h5, matrix folder, CSV/TSV). Reads the whole matrix once.")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The matrix file or matrix folder.")
    Path file;

    @Mixin
    MatrixOptions matrixOptions;

    @Option(names = "--invalid-values", paramLabel = "reject|warn", defaultValue = "warn",
        description = "Negative or non-finite values (scaled data): warn keeps and counts them, reject fails "
            + "(default: ${DEFAULT-VALUE}).")
    InvalidValuePolicy invalidValues;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ReadOptions options = matrixOptions.toReadOptions(invalidValues);
        PrintWriter out = spec.commandLine().getOut();
        MatrixStatistics stats;
        MatrixSummary summary;
        long invalid;
        try (CellMatrixReader reader = MatrixOptions.open(file, options, spec.commandLine().getErr());
             ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "inspect")) {
            summary = reader.summary();
            stats = MatrixStatistics.of(reader, CancellationToken.NONE, progress);
            invalid = reader.report().invalidValues();
        }
        if (invalid > 0) {
            spec.commandLine().getErr().printf("warning: %,d negative or non-finite values (scaled data?); "
                + "--matrix raw or a counts layer may hold the raw counts%n", invalid);
            spec.commandLine().getErr().flush();
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(stats)));
        } else {
            printText(out, stats, summary);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> toJson(MatrixStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", s.format());
        m.put("n_cells", s.nCells());
        m.put("n_genes", s.nGenes());
        m.put("nnz", s.nnz());
        m.put("sum", s.sum());
        m.put("values", s.values().id());
        Map<String, Object> cols = new LinkedHashMap<>();
        s.obsColumns().forEach((name, c) -> {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("type", c.type());
            if (c.nCategories() != null) {
                col.put("n_categories", c.nCategories());
            }
            cols.put(name, col);
        });
        m.put("obs_columns", cols);
        return m;
    }

    /** @return the kind of values and what the commands do with it */
    static String describe(ValueKind kind) {
        return switch (kind) {
            case COUNTS -> "counts (normalised by the commands that need it)";
            case LOG_NORMALISED -> "log-normalised (used as they are; never normalised again)";
            case SCALED -> "scaled (negative values): read the raw counts with --matrix raw or --matrix layer:NAME";
        };
    }

    private static void printText(PrintWriter out, MatrixStatistics s, MatrixSummary summary) {
        out.printf("file:          %s%n", summary.source());
        out.printf("format:        %s (matrix %s)%n", s.format(), summary.matrix());
        out.printf("cells:         %,d%n", s.nCells());
        out.printf("genes:         %,d%n", s.nGenes());
        out.printf("stored values: %,d (%.2f%% of the matrix)%n", s.nnz(),
            100.0 * s.nnz() / Math.max(1.0, (double) s.nCells() * s.nGenes()));
        out.printf("sum:           %.6g%n", s.sum());
        out.printf("values:        %s%n", describe(s.values()));
        String[] genes = summary.geneSymbols();
        out.printf("first genes:   %s%n", String.join(", ", java.util.Arrays.copyOf(genes, Math.min(8, genes.length))));
        out.println("obs columns:");
        if (s.obsColumns().isEmpty()) {
            out.println("  (none)");
        }
        s.obsColumns().forEach((name, c) -> out.printf("  %-24s %s%s%n", name, c.type(),
            c.nCategories() == null ? "" : " (" + c.nCategories() + " categories)"));
    }
}
