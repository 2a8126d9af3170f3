package io.github.scllm.core.io;

/**
 * Where a reader's cells come from: rows of raw stored entries. The reader then sorts, checks and drops zeros.
 */
interface RowSource extends AutoCloseable {
    /**
     * @param first first cell, in range
     * @param count number of cells, in range
     * @return raw rows: gene indices may be unsorted or out of range (checked by the caller), zeros may be present
     */
    CellChunk rows(long first, int count);

    /** @return whether entries are stored ones (sparse storage: explicit zeros count as stored values) */
    boolean sparse();

    @Override
    void close();

    /** Receives (cell, gene, value) entries in any order. */
    @FunctionalInterface
    interface EntrySink {
        void accept(int cell, int gene, float value);
    }

    /** Emits every stored entry of a gene-major matrix; called twice (count, then scatter). */
    @FunctionalInterface
    interface EntrySource {
        void emit(EntrySink sink);
    }
}
