package io.github.scllm.core.genes;

/** The statistical test that ranks a gene between the cells of a group and the rest. */
public enum MarkerTest {
    /**
     * Wilcoxon rank-sum (Mann–Whitney U) with tie correction and the normal approximation without continuity
     * correction, as scanpy's default {@code rank_genes_groups}; the score is the z statistic.
     */
    WILCOXON,
    /** Welch's unequal-variance t-test with Welch–Satterthwaite degrees of freedom; the score is the t statistic. */
    WELCH_T
}
