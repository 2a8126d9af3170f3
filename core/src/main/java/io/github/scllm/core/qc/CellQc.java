package io.github.scllm.core.qc;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.genes.MarkerSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Per-cell quality metrics and flags in one pass over the cells, as scanpy's {@code calculate_qc_metrics} names them
 * and scuttle's {@code perCellQCFilters} flags them: few counts and few detected genes on the log scale (lower tail),
 * a high mitochondrial percentage (higher tail), each {@code nmads} MADs from the median of its batch, plus optional
 * fixed thresholds. Memory: about 60 bytes per cell and 13 per gene; the values are streamed.
 */
public final class CellQc {
    /** scanpy's column names. */
    public static final String TOTAL_COUNTS = "total_counts";
    public static final String N_GENES = "n_genes_by_counts";
    public static final String PCT_MT = "pct_counts_mt";
    public static final String PCT_RIBO = "pct_counts_ribo";
    public static final String PCT_HB = "pct_counts_hb";

    private static final Pattern RIBOSOMAL = Pattern.compile("^RP[SL]", Pattern.CASE_INSENSITIVE);
    /** scanpy's tutorial pattern: HB followed by anything but P (and parentheses), e.g. HBB, HBA1, not HBP1. */
    private static final Pattern HAEMOGLOBIN = Pattern.compile("^HB[^(P)]", Pattern.CASE_INSENSITIVE);
    private static final int CHECK_EVERY = 1024;
    /** Gene sets, also the slots of a cell's per-set sums. */
    private static final byte OTHER = 0;
    private static final byte MITO = 1;
    private static final byte RIBO = 2;
    private static final byte HB = 3;

    private CellQc() {
    }

    /**
     * Computes the metrics and flags.
     *
     * @param cells the cells, streamed once; values are counts (any non-negative values are accepted)
     * @param cellCount number of cells the source visits
     * @param symbols gene symbols, one per gene index
     * @param batches batch per cell for per-batch MAD thresholds, or null
     * @param options thresholds and gene lists
     * @param cancel polled every 1,024 cells
     * @param progress receives the fraction of cells read
     * @return metrics, flags and thresholds
     * @throws InvalidInputException if a value is negative or not finite, a gene index is out of range, or the batch
     *         labels do not match the cells
     * @throws CancelledException if cancelled
     */
    public static QcResult compute(MarkerSource cells, int cellCount, String[] symbols, String[] batches,
        QcOptions options, CancellationToken cancel, ProgressListener progress) {
        if (batches != null && batches.length != cellCount) {
            throw new InvalidInputException("Cell QC: " + batches.length + " batch labels for " + cellCount
                + " cells.");
        }
        int g = symbols.length;
        byte[] kind = geneKinds(symbols, options.mitochondrialGenes());
        int mitoGenes = 0;
        for (byte k : kind) {
            mitoGenes += k == MITO ? 1 : 0;
        }
        double[] total = new double[cellCount];
        int[] detected = new int[cellCount];
        double[] mt = new double[cellCount];
        double[] ribo = new double[cellCount];
        double[] hb = new double[cellCount];
        int[] cellsPerGene = new int[g];
        double[] geneTotals = new double[g];
        cells.scan((cell, genes, values, from, to) -> {
            if (cell % CHECK_EVERY == 0) {
                cancel.check();
                progress.progress(cell / (double) Math.max(1, cellCount), "Cell QC: cell " + cell + " of "
                    + cellCount);
            }
            double sum = 0;
            double[] bySet = new double[4];
            int nonZero = 0;
            for (int k = from; k < to; k++) {
                float v = values[k];
                int gene = genes[k];
                if (!(v >= 0) || Float.isInfinite(v)) {
                    throw new InvalidInputException("Cell QC: cell " + (cell + 1) + ", gene " + symbolOf(symbols, gene)
                        + " holds " + v + "; QC needs non-negative counts (read the raw counts matrix).");
                }
                if (gene < 0 || gene >= g) {
                    throw new InvalidInputException("Cell QC: cell " + (cell + 1) + " refers to gene index " + gene
                        + " of " + g + " genes.");
                }
                if (v > 0) {
                    nonZero++;
                    cellsPerGene[gene]++;
                    geneTotals[gene] += v;
                    sum += v;
                    bySet[kind[gene]] += v;
                }
            }
            total[cell] = sum;
            detected[cell] = nonZero;
            mt[cell] = percent(bySet[MITO], sum);
            ribo[cell] = percent(bySet[RIBO], sum);
            hb[cell] = percent(bySet[HB], sum);
        });
        progress.progress(0.9, "Cell QC: flags");
        boolean[] lowCounts = new boolean[cellCount];
        boolean[] lowGenes = new boolean[cellCount];
        boolean[] highMt = new boolean[cellCount];
        List<QcResult.MetricThresholds> thresholds = new ArrayList<>();
        double[] genesAsDouble = new double[cellCount];
        for (int i = 0; i < cellCount; i++) {
            genesAsDouble[i] = detected[i];
        }
        if (options.nmads() > 0 && cellCount > 0) {
            madFlags(TOTAL_COUNTS, total, batches, options.nmads(), true, MadOutliers.Side.LOWER, lowCounts,
                thresholds);
            madFlags(N_GENES, genesAsDouble, batches, options.nmads(), true, MadOutliers.Side.LOWER, lowGenes,
                thresholds);
            madFlags(PCT_MT, mt, batches, options.nmads(), false, MadOutliers.Side.HIGHER, highMt, thresholds);
        }
        boolean[] keep = new boolean[cellCount];
        for (int i = 0; i < cellCount; i++) {
            lowCounts[i] |= total[i] < options.minCounts();
            lowGenes[i] |= detected[i] < options.minGenes();
            highMt[i] |= mt[i] > options.maxPctMitochondrial();
            keep[i] = !(lowCounts[i] || lowGenes[i] || highMt[i]);
        }
        boolean[] keepGene = new boolean[g];
        for (int j = 0; j < g; j++) {
            keepGene[j] = cellsPerGene[j] >= options.minCellsPerGene();
        }
        progress.progress(1.0, "Cell QC done");
        return new QcResult(total, detected, mt, ribo, hb, lowCounts, lowGenes, highMt, keep, cellsPerGene,
            geneTotals, keepGene, mitoGenes, List.copyOf(thresholds));
    }

    /** @return per gene its set: mitochondrial, ribosomal, haemoglobin or other (the first that matches) */
    static byte[] geneKinds(String[] symbols, java.util.Set<String> mitochondrial) {
        java.util.Set<String> mtUpper = new java.util.HashSet<>();
        for (String s : mitochondrial) {
            mtUpper.add(s.toUpperCase(Locale.ROOT));
        }
        byte[] kind = new byte[symbols.length];
        for (int j = 0; j < symbols.length; j++) {
            String s = symbols[j] == null ? "" : symbols[j];
            boolean mt = mtUpper.isEmpty() ? s.toUpperCase(Locale.ROOT).startsWith("MT-")
                : mtUpper.contains(s.toUpperCase(Locale.ROOT));
            kind[j] = mt ? MITO : RIBOSOMAL.matcher(s).find() ? RIBO : HAEMOGLOBIN.matcher(s).find() ? HB : OTHER;
        }
        return kind;
    }

    private static void madFlags(String metric, double[] values, String[] batches, double nmads, boolean log,
        MadOutliers.Side side, boolean[] flags, List<QcResult.MetricThresholds> out) {
        MadOutliers.Result r = MadOutliers.flag(values, batches, nmads, log, side);
        Map<String, int[]> members = MadOutliers.groups(batches, values.length);
        for (Map.Entry<String, MadOutliers.Thresholds> e : r.thresholds().entrySet()) {
            int flagged = 0;
            for (int i : members.get(e.getKey())) {
                flagged += r.outlier()[i] ? 1 : 0;
            }
            out.add(new QcResult.MetricThresholds(metric, e.getValue(), flagged));
        }
        for (int i = 0; i < flags.length; i++) {
            flags[i] = r.outlier()[i];
        }
    }

    private static double percent(double part, double total) {
        return total > 0 ? 100.0 * part / total : 0.0;
    }

    private static String symbolOf(String[] symbols, int gene) {
        return gene >= 0 && gene < symbols.length ? "'" + symbols[gene] + "'" : "#" + (gene + 1);
    }
}
