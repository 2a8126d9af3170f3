package io.github.scllm.core.genes;

/**
 * How {@link HighlyVariableGenes} ranks genes.
 */
public enum HvgFlavor {
    /**
     * Seurat's normalised dispersion, as scanpy's default {@code flavor='seurat'}: per gene, mean and variance (ddof 1)
     * of the counts per 10k; dispersion {@code ln(var/mean)}; genes binned into 20 equal-width bins of
     * {@code ln(1+mean)}; dispersion z-scored within its bin. Ranking by it favours genes that vary more than genes of
     * similar expression, instead of simply the most expressed genes (raw variance grows with the mean).
     */
    SEURAT_DISPERSION,
    /** Plain variance (ddof 1) of {@code ln(1 + counts per 10k)}: simpler, but biased towards highly expressed genes. */
    LOG_VARIANCE
}
