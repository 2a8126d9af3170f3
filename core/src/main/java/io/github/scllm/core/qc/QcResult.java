package io.github.scllm.core.qc;

import java.util.List;

/**
 * What {@link CellQc} found. Arrays are indexed by cell (or gene) in input order and must not be modified.
 *
 * @param totalCounts {@code total_counts}: sum of the cell's values
 * @param genesDetected {@code n_genes_by_counts}: genes with a value above zero
 * @param pctMitochondrial {@code pct_counts_mt}: percentage of the total in mitochondrial genes (0 for an empty cell)
 * @param pctRibosomal {@code pct_counts_ribo}: percentage in ribosomal protein genes (RPS*, RPL*)
 * @param pctHaemoglobin {@code pct_counts_hb}: percentage in haemoglobin genes (scanpy's {@code ^HB[^(P)]})
 * @param lowCounts flagged for too few counts (MAD on the log scale, or the fixed minimum)
 * @param lowGenes flagged for too few detected genes
 * @param highMitochondrial flagged for a high mitochondrial percentage
 * @param keep passes every flag
 * @param cellsPerGene {@code n_cells_by_counts} per gene
 * @param geneTotals total counts per gene
 * @param keepGene per gene, detected in at least the minimum number of cells
 * @param mitochondrialGeneCount how many genes were counted as mitochondrial
 * @param thresholds the MAD thresholds per metric and batch (empty when MAD flags are off)
 */
public record QcResult(double[] totalCounts, int[] genesDetected, double[] pctMitochondrial, double[] pctRibosomal,
    double[] pctHaemoglobin, boolean[] lowCounts, boolean[] lowGenes, boolean[] highMitochondrial, boolean[] keep,
    int[] cellsPerGene, double[] geneTotals, boolean[] keepGene, int mitochondrialGeneCount,
    List<MetricThresholds> thresholds) {

    /**
     * One metric's MAD thresholds in one batch.
     *
     * @param metric scanpy's column name
     * @param thresholds the batch's median, MAD and limits
     * @param flagged cells of the batch flagged by this metric's MAD rule
     */
    public record MetricThresholds(String metric, MadOutliers.Thresholds thresholds, int flagged) {
    }

    /** @return number of cells */
    public int cellCount() {
        return totalCounts.length;
    }

    /** @return cells that pass every flag */
    public int keptCells() {
        int k = 0;
        for (boolean b : keep) {
            k += b ? 1 : 0;
        }
        return k;
    }

    /** @return genes that pass the gene filter */
    public int keptGenes() {
        int k = 0;
        for (boolean b : keepGene) {
            k += b ? 1 : 0;
        }
        return k;
    }
}
