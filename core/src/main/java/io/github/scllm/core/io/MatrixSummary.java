package io.github.scllm.core.io;

import java.nio.file.Path;

/**
 * What a reader knows before it reads any expression value: the shape, the cells and their annotation, the genes
 * and theirs.
 *
 * @param source the file or folder read
 * @param format its format
 * @param matrix a readable name of the matrix read, e.g. {@code X}, {@code raw/X}, {@code /matrix}
 * @param cellCount number of cells
 * @param geneCount number of genes (after any feature-type filter)
 * @param storedValues number of stored values (non-zeros of a sparse matrix, all cells of a dense one), or -1 when
 *        only a full pass can tell (delimited text)
 * @param geneSymbols the gene symbol of each gene column, in matrix order
 * @param obs per-cell annotation; its row names are the cell IDs
 * @param var per-gene annotation; its row names are the var index (IDs or symbols)
 */
public record MatrixSummary(Path source, MatrixFormat format, String matrix, int cellCount, int geneCount,
    long storedValues, String[] geneSymbols, AnnotationTable obs, AnnotationTable var) {

    public String[] cellIds() {
        return obs.rowNames();
    }
}
