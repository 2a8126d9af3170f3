package io.github.scllm.core.io;

import java.util.Locale;

/**
 * What the values of a matrix are. Methods that normalise counts must not normalise them a second time, and no
 * method here works on scaled values; telling them apart up front saves a silently worse result.
 */
public enum ValueKind {
    /** Non-negative counts: integers, or non-integer values that are not on a log scale (corrected counts, CP10k). */
    COUNTS,
    /** Log-normalised values, e.g. log1p of counts per 10,000 (Seurat's LogNormalize, scanpy's normalize + log1p). */
    LOG_NORMALISED,
    /** Values with negatives: centred or scaled per gene (z-scores), as after Seurat's ScaleData or scanpy's scale. */
    SCALED;

    /** @return the name users see: {@code counts}, {@code log-normalised}, {@code scaled} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
