package io.github.scllm.core.io;

/** Which way a dense delimited table is laid out. */
public enum Orientation {
    /** One row per gene, one column per cell (the usual export of R count matrices). */
    GENES_BY_CELLS,
    /** One row per cell, one column per gene. */
    CELLS_BY_GENES
}
