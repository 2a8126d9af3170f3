package io.github.scllm.core.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.io.AnnotationColumn;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.MatrixSummary;
import io.github.scllm.core.io.MatrixChoice;
import io.github.scllm.core.io.Orientation;
import io.github.scllm.core.io.ReadOptions;
import picocli.CommandLine.Option;

/** How to read a matrix file: the options of the Read scRNA node, shared by the commands that read one. */
final class MatrixOptions {
    @Option(names = "--matrix", paramLabel = "X|raw|layer:NAME", defaultValue = "X",
        description = "For h5ad: which matrix to read (default: ${DEFAULT-VALUE}).")
    String matrix;

    @Option(names = "--gene-column", paramLabel = "COL",
        description = "The var column holding gene symbols (default: the var index; 10x: the feature name).")
    String geneColumn;

    @Option(names = "--orientation", paramLabel = "genes_by_cells|cells_by_genes", defaultValue = "genes_by_cells",
        description = "For CSV/TSV tables: one row per gene or one row per cell (default: ${DEFAULT-VALUE}).")
    Orientation orientation;

    @Option(names = "--metadata", paramLabel = "FILE",
        description = "For CSV/TSV tables: per-cell annotation, first column the cell ID.")
    Path metadata;

    /**
     * Opens a matrix file and warns on {@code err} when gene symbols repeat (their columns are summed per cell).
     */
    static CellMatrixReader open(Path file, ReadOptions options, PrintWriter err) {
        CellMatrixReader reader = CellMatrixReaders.open(file, options);
        String summed = reader.report().summedGenesWarning();
        if (summed != null) {
            err.println("warning: " + file.getFileName() + ": " + summed);
            err.flush();
        }
        return reader;
    }

    /**
     * @return the values of an obs column as text, one per cell, null where missing
     * @throws InvalidInputException naming the file and the available columns if the column is absent
     */
    static String[] obsText(MatrixSummary summary, String name, Path input) {
        AnnotationColumn col = summary.obs().column(name).orElseThrow(() -> new InvalidInputException(input
            + " has no obs column '" + name + "'. Available: " + summary.obs().columns().stream()
                .map(AnnotationColumn::name).toList() + "."));
        String[] out = new String[col.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = col.isMissing(c) ? null : col.text(c);
        }
        return out;
    }

    ReadOptions toReadOptions(InvalidValuePolicy invalidValues) {
        return ReadOptions.DEFAULTS.withMatrix(MatrixChoice.parse(matrix)).withGeneColumn(geneColumn)
            .withOrientation(orientation).withMetadataFile(metadata).withInvalidValues(invalidValues);
    }
}
