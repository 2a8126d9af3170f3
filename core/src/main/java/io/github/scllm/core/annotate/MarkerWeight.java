package io.github.scllm.core.annotate;

/** How a group's markers are weighted in its text embedding. Only positive weights count. */
public enum MarkerWeight {
    /** The test statistic (z of Wilcoxon, t of Welch). */
    SCORE,
    /** The log2 fold change. */
    LOG_FOLD_CHANGE
}
