package io.github.scllm.core.genes;

/**
 * How a cell's values are scaled before genes are ranked and reported. Every mode is monotone within a cell, so the
 * ranking is the same for all three; only the reported weights differ.
 */
public enum Normalization {
    /** The values as stored (e.g. raw UMI counts). */
    NONE,
    /** {@code value * 10_000 / total}, where total is the sum of all the cell's values. */
    CP10K,
    /** {@code ln(1 + value * 10_000 / total)}, as scanpy's normalize_total(target_sum=1e4) followed by log1p. */
    LOG1P_CP10K;

    /**
     * Applies this normalisation to one value.
     *
     * @param value a stored value; for {@link #CP10K} and {@link #LOG1P_CP10K} it must be non-negative
     * @param total the cell's total; must be positive for {@link #CP10K} and {@link #LOG1P_CP10K}
     * @return the normalised value
     */
    public double apply(double value, double total) {
        switch (this) {
            case CP10K:
                return value * 10_000.0 / total;
            case LOG1P_CP10K:
                return Math.log1p(value * 10_000.0 / total);
            default:
                return value;
        }
    }

    /** @return whether this mode needs the cell's total */
    public boolean needsTotal() {
        return this != NONE;
    }
}
