package io.github.scllm.core.genes;

/**
 * One gene of one group's marker list.
 *
 * @param group the group's name
 * @param gene the gene's column index in the matrix
 * @param symbol the gene's symbol
 * @param rank 1 for the best-scoring gene of the group
 * @param score the z statistic (Wilcoxon) or t statistic (Welch); positive when the gene is higher in the group; 0
 *        when the test is undefined (the gene is constant over the tested cells)
 * @param statistic the test's own statistic: Mann–Whitney U of the group, or Welch's t
 * @param logFoldChange {@code log2((expm1(meanIn) + 1e-9) / (expm1(meanOut) + 1e-9))}, scanpy's definition
 * @param pValue two-sided p-value; 1 when the test is undefined
 * @param adjustedPValue Benjamini–Hochberg adjusted over all genes of the group
 * @param fractionIn fraction of the group's cells with a non-zero value
 * @param fractionOut fraction of the other cells with a non-zero value
 * @param meanIn mean log-scale value in the group
 * @param meanOut mean log-scale value in the other cells
 */
public record MarkerGene(String group, int gene, String symbol, int rank, double score, double statistic,
    double logFoldChange, double pValue, double adjustedPValue, double fractionIn, double fractionOut, double meanIn,
    double meanOut) {
}
