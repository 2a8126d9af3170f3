/**
 * Cell quality control: per-cell metrics with scanpy's names ({@code total_counts}, {@code n_genes_by_counts},
 * {@code pct_counts_mt}, {@code pct_counts_ribo}, {@code pct_counts_hb}), outlier flags by median absolute deviations
 * as scater/scuttle's {@code isOutlier} (optionally per batch) or by fixed thresholds, a keep flag, and a gene filter
 * (genes expressed in at least N cells).
 *
 * <p>{@link io.github.scllm.core.qc.CellQc} streams the cells once ({@link io.github.scllm.core.genes.MarkerSource})
 * and keeps a few numbers per cell and per gene; {@link io.github.scllm.core.qc.MadOutliers} is the outlier rule on
 * its own. Filtering is left to the caller: cells and genes are flagged, never dropped.
 */
package io.github.scllm.core.qc;
