package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;

/**
 * The cells that {@link MarkerGenes} tests, streamed as often as it needs: once to count, then once per block of
 * genes (one block unless the input exceeds {@link MarkerOptions#bufferedValues()}). Every scan must visit the same
 * cells in the same order with the same values.
 */
@FunctionalInterface
public interface MarkerSource {

    /**
     * Visits every cell once, in cell order.
     *
     * @param visitor receives each cell; it may throw {@link io.github.scllm.core.CancelledException}, which the
     *        source lets through
     */
    void scan(CellVisitor visitor);

    /** Receives one cell as the slice {@code [from, to)} of gene/value arrays, gene indices ascending. */
    @FunctionalInterface
    interface CellVisitor {
        void cell(int cell, int[] genes, float[] values, int from, int to);
    }

    /**
     * @param chunk all cells in memory, cell {@code i} of the chunk being cell {@code i} of the grouping
     * @return a source over the chunk
     */
    static MarkerSource of(CellChunk chunk) {
        return visitor -> {
            int[] off = chunk.offsets();
            for (int i = 0; i < chunk.count(); i++) {
                visitor.cell(i, chunk.genes(), chunk.values(), off[i], off[i + 1]);
            }
        };
    }

    /**
     * @param reader an open reader; it stays open and owned by the caller
     * @param chunkCells cells per read, at least 1
     * @return a source that reads the whole matrix in chunks on every scan
     * @throws InvalidInputException if chunkCells is below 1
     */
    static MarkerSource of(CellMatrixReader reader, int chunkCells) {
        if (chunkCells < 1) {
            throw new InvalidInputException("Cells per chunk is " + chunkCells + "; it must be at least 1.");
        }
        int n = reader.summary().cellCount();
        return visitor -> {
            for (int first = 0; first < n; first += chunkCells) {
                CellChunk chunk = reader.read(first, Math.min(chunkCells, n - first));
                int[] off = chunk.offsets();
                for (int i = 0; i < chunk.count(); i++) {
                    visitor.cell(first + i, chunk.genes(), chunk.values(), off[i], off[i + 1]);
                }
            }
        };
    }
}
