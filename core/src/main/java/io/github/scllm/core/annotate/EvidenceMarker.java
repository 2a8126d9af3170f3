package io.github.scllm.core.annotate;

/**
 * A gene offered in support of a prediction, checked against the group's own marker statistics.
 *
 * @param gene the gene symbol
 * @param groupRank the gene's rank among the group's markers (1 = best), or 0 when it is not among them
 * @param logFoldChange the group's log2 fold change for the gene, NaN when unknown
 * @param adjustedPValue the group's adjusted p-value for the gene, NaN when unknown
 * @param grounded whether the data supports the gene: among the group's significant markers with a positive fold
 *        change (when the statistics are unknown: among the group's listed markers)
 */
public record EvidenceMarker(String gene, int groupRank, double logFoldChange, double adjustedPValue,
    boolean grounded) {
}
