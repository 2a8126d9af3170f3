package io.github.scllm.core.io;

import java.io.Closeable;

/**
 * Reads a cells-by-genes expression matrix in chunks of consecutive cells, whatever its storage: metadata first
 * ({@link #summary()}), then slices ({@link #read(long, int)}), as jHDF's {@code Dataset} does. Peak memory depends on
 * the chunk size, not on the matrix size; gene-major storage (CSC, MatrixMarket, genes-by-cells text) is transposed
 * once into a temporary file that {@link #close()} deletes.
 *
 * <p>Only {@link io.github.scllm.core.InvalidInputException}, {@link io.github.scllm.core.UnsupportedFormatException}
 * and {@link io.github.scllm.core.CancelledException} escape from a reader; each message names the file and the part.
 */
public interface CellMatrixReader extends Closeable {

    /** @return shape, cell IDs, gene symbols and annotation, read without touching the expression values */
    MatrixSummary summary();

    /**
     * Reads {@code count} cells starting at {@code firstCell}.
     *
     * @param firstCell 0-based index of the first cell, {@code 0 <= firstCell < summary().cellCount()}
     * @param count number of cells, at least 1, clipped at the end of the matrix
     * @return the cells in row form
     * @throws io.github.scllm.core.InvalidInputException when the stored data is inconsistent (indptr, indices out of
     *         range, negative or non-finite values under {@link InvalidValuePolicy#REJECT})
     */
    CellChunk read(long firstCell, int count);

    /** @return what was noticed while reading so far (counts of invalid values kept under WARN) */
    ReadReport report();

    @Override
    void close();
}
