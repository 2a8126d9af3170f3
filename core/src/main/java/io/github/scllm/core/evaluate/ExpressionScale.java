package io.github.scllm.core.evaluate;

/** What the values of the input matrix are, so {@link CellData} knows whether to log-normalise them. */
public enum ExpressionScale {
    /** Raw counts: each cell becomes log1p(count &times; 10,000 / the cell's total over the genes of the file). */
    COUNTS,
    /** Already log1p of counts per 10,000 (e.g. an h5ad's {@code raw.X} after scanpy's normalisation): used as is. */
    LOG_NORMALIZED
}
