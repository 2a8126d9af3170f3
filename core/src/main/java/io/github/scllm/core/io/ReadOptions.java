package io.github.scllm.core.io;

import java.nio.file.Path;

/**
 * How to read a single-cell matrix. {@link #DEFAULTS} detects the format and reads {@code X} with gene symbols from
 * the var index.
 *
 * @param format the format, or {@code null} to detect it from the content
 * @param matrix for h5ad: which matrix
 * @param geneColumn for h5ad and 10x: the var/feature column holding gene symbols, or {@code null} for the default
 *        (h5ad: the var index; 10x: the feature name)
 * @param geneExpressionOnly for 10x: keep only features of type "Gene Expression"
 * @param orientation for delimited tables: genes by cells or cells by genes
 * @param metadataFile for delimited tables: an optional table of per-cell metadata joined on the cell ID, or
 *        {@code null}
 * @param invalidValues what to do with negative or non-finite values
 */
public record ReadOptions(MatrixFormat format, MatrixChoice matrix, String geneColumn, boolean geneExpressionOnly,
    Orientation orientation, Path metadataFile, InvalidValuePolicy invalidValues) {

    public static final ReadOptions DEFAULTS = new ReadOptions(null, MatrixChoice.X, null, true,
        Orientation.GENES_BY_CELLS, null, InvalidValuePolicy.REJECT);

    public ReadOptions {
        matrix = matrix == null ? MatrixChoice.X : matrix;
        orientation = orientation == null ? Orientation.GENES_BY_CELLS : orientation;
        invalidValues = invalidValues == null ? InvalidValuePolicy.REJECT : invalidValues;
        geneColumn = geneColumn == null || geneColumn.isBlank() ? null : geneColumn;
    }

    public ReadOptions withFormat(MatrixFormat f) {
        return new ReadOptions(f, matrix, geneColumn, geneExpressionOnly, orientation, metadataFile, invalidValues);
    }

    public ReadOptions withMatrix(MatrixChoice m) {
        return new ReadOptions(format, m, geneColumn, geneExpressionOnly, orientation, metadataFile, invalidValues);
    }

    public ReadOptions withGeneColumn(String c) {
        return new ReadOptions(format, matrix, c, geneExpressionOnly, orientation, metadataFile, invalidValues);
    }

    public ReadOptions withOrientation(Orientation o) {
        return new ReadOptions(format, matrix, geneColumn, geneExpressionOnly, o, metadataFile, invalidValues);
    }

    public ReadOptions withMetadataFile(Path p) {
        return new ReadOptions(format, matrix, geneColumn, geneExpressionOnly, orientation, p, invalidValues);
    }

    public ReadOptions withInvalidValues(InvalidValuePolicy p) {
        return new ReadOptions(format, matrix, geneColumn, geneExpressionOnly, orientation, metadataFile, p);
    }

    public ReadOptions withGeneExpressionOnly(boolean b) {
        return new ReadOptions(format, matrix, geneColumn, b, orientation, metadataFile, invalidValues);
    }
}
