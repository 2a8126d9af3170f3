package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.io.CellChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streamed per-gene statistics for choosing highly variable genes: feed every cell once (any chunking), then ask
 * for the top genes. Memory is four doubles per gene, whatever the number of cells. Each cell is normalised to counts
 * per 10k with its own total; the sums of those values and of {@code ln(1+value)} and their squares are kept, which
 * is all that both {@link HvgFlavor}s need. Not thread-safe.
 */
public final class HighlyVariableGenes {
    private static final int SEURAT_BINS = 20;

    private final int geneCount;
    private final double[] sumCp;
    private final double[] sumSqCp;
    private final double[] sumLog;
    private final double[] sumSqLog;
    private long cells;

    /**
     * @param geneCount number of genes (columns) of the matrix; at least 1
     * @throws InvalidInputException if geneCount is below 1
     */
    public HighlyVariableGenes(int geneCount) {
        if (geneCount < 1) {
            throw new InvalidInputException("Highly variable genes need at least one gene; the matrix has " + geneCount + ".");
        }
        this.geneCount = geneCount;
        sumCp = new double[geneCount];
        sumSqCp = new double[geneCount];
        sumLog = new double[geneCount];
        sumSqLog = new double[geneCount];
    }

    /** @return the number of genes this accumulator was made for */
    public int geneCount() {
        return geneCount;
    }

    /** @return the number of cells added so far */
    public long cellCount() {
        return cells;
    }

    /**
     * Adds every cell of a chunk, each normalised by the sum of its stored values.
     *
     * @param chunk cells in CSR form with gene indices below {@link #geneCount()} and non-negative values
     * @throws InvalidInputException if a gene index is out of range or a value is negative or not finite
     */
    public void add(CellChunk chunk) {
        int[] off = chunk.offsets();
        float[] v = chunk.values();
        for (int i = 0; i < chunk.count(); i++) {
            double total = 0;
            for (int k = off[i]; k < off[i + 1]; k++) {
                total += v[k];
            }
            addCell(chunk.firstCell() + i, chunk.genes(), v, off[i], off[i + 1], total);
        }
    }

    /**
     * Adds one cell given as the slice {@code [from, to)} of parallel gene/value arrays.
     *
     * @param cell index of the cell, for messages
     * @param genes gene indices
     * @param values non-negative values
     * @param from first position of the cell
     * @param to one past its last position
     * @param total the cell's total for normalisation; a cell with total 0 counts as all-zero
     * @throws InvalidInputException if a gene index is out of range or a value is negative or not finite
     */
    public void addCell(long cell, int[] genes, float[] values, int from, int to, double total) {
        cells++;
        if (!(total > 0)) {
            return;
        }
        double scale = 10_000.0 / total;
        for (int k = from; k < to; k++) {
            int g = genes[k];
            float x = values[k];
            if (g < 0 || g >= geneCount) {
                throw new InvalidInputException("Cell " + cell + " has gene index " + g + ", outside the " + geneCount
                    + " genes of the matrix; the matrix and its gene list do not match.");
            }
            if (!(x >= 0) || Float.isInfinite(x)) {
                throw new InvalidInputException("Cell " + cell + ", gene " + g + " has value " + x
                    + "; highly variable genes need non-negative counts. Use raw counts as input.");
            }
            double cp = x * scale;
            double lg = Math.log1p(cp);
            sumCp[g] += cp;
            sumSqCp[g] += cp * cp;
            sumLog[g] += lg;
            sumSqLog[g] += lg * lg;
        }
    }

    /**
     * Per-gene variability scores; higher is more variable. NaN marks genes whose score is undefined (never expressed,
     * or constant).
     *
     * @param flavor how to score
     * @return one score per gene
     * @throws InvalidInputException if fewer than two cells were added
     */
    public double[] scores(HvgFlavor flavor) {
        if (cells < 2) {
            throw new InvalidInputException("Highly variable genes need at least two cells; the input has " + cells
                + ". Turn the HVG restriction off for such small inputs.");
        }
        return flavor == HvgFlavor.LOG_VARIANCE ? logVariance() : seuratDispersion();
    }

    private double variance(double sum, double sumSq) {
        double n = cells;
        double v = (sumSq - sum * sum / n) / (n - 1);
        return v < 0 ? 0 : v;
    }

    private double[] logVariance() {
        double[] s = new double[geneCount];
        for (int g = 0; g < geneCount; g++) {
            double v = variance(sumLog[g], sumSqLog[g]);
            s[g] = v > 0 ? v : Double.NaN;
        }
        return s;
    }

    private double[] seuratDispersion() {
        double[] disp = new double[geneCount];
        double[] logMean = new double[geneCount];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < geneCount; g++) {
            double mean = sumCp[g] / cells;
            double var = variance(sumCp[g], sumSqCp[g]);
            if (mean == 0) {
                mean = 1e-12;
            }
            double d = var / mean;
            disp[g] = d == 0 ? Double.NaN : Math.log(d);
            logMean[g] = Math.log1p(mean);
            lo = Math.min(lo, logMean[g]);
            hi = Math.max(hi, logMean[g]);
        }
        // equal-width bins over the range of ln(1+mean), right-closed, the lowest edge widened by 0.1% (pandas.cut)
        double[] edges = new double[SEURAT_BINS + 1];
        double logMeanRange = hi - lo;
        if (hi == lo) {
            double pad = lo == 0 ? 0.001 : 0.001 * Math.abs(lo);
            lo -= pad;
            hi += pad;
        }
        double step = (hi - lo) / SEURAT_BINS;
        for (int i = 0; i <= SEURAT_BINS; i++) {
            edges[i] = i == SEURAT_BINS ? hi : i * step + lo;
        }
        if (logMeanRange > 0) {
            edges[0] -= logMeanRange * 0.001;
        }
        int[] bin = new int[geneCount];
        double[] sum = new double[SEURAT_BINS];
        int[] n = new int[SEURAT_BINS];
        for (int g = 0; g < geneCount; g++) {
            int b = Arrays.binarySearch(edges, logMean[g]);
            b = b >= 0 ? b - 1 : -b - 2;
            bin[g] = Math.max(0, Math.min(SEURAT_BINS - 1, b));
            if (!Double.isNaN(disp[g])) {
                sum[bin[g]] += disp[g];
                n[bin[g]]++;
            }
        }
        double[] mean = new double[SEURAT_BINS];
        double[] sd = new double[SEURAT_BINS];
        for (int b = 0; b < SEURAT_BINS; b++) {
            mean[b] = n[b] > 0 ? sum[b] / n[b] : Double.NaN;
        }
        double[] ss = new double[SEURAT_BINS];
        for (int g = 0; g < geneCount; g++) {
            if (!Double.isNaN(disp[g])) {
                double d = disp[g] - mean[bin[g]];
                ss[bin[g]] += d * d;
            }
        }
        for (int b = 0; b < SEURAT_BINS; b++) {
            if (n[b] > 1) {
                sd[b] = Math.sqrt(ss[b] / (n[b] - 1));
            } else {
                // a bin with a single gene: scanpy divides by the bin mean and centres on 0
                sd[b] = mean[b];
                mean[b] = 0;
            }
        }
        double[] z = new double[geneCount];
        for (int g = 0; g < geneCount; g++) {
            z[g] = (disp[g] - mean[bin[g]]) / sd[bin[g]];
            if (Double.isInfinite(z[g])) {
                z[g] = Double.NaN;
            }
        }
        return z;
    }

    /**
     * The {@code n} most variable genes among those not excluded: highest score first, ties broken by lower gene
     * index, genes with an undefined score never chosen. Deterministic for the same input.
     *
     * @param n how many genes, at least 1
     * @param flavor how to score
     * @param excluded genes that may not be chosen (length {@link #geneCount()}), or null for none
     * @return a mask over the genes, true for the chosen ones (fewer than n if fewer have a defined score)
     * @throws InvalidInputException if n is below 1, the mask has the wrong length or fewer than two cells were added
     */
    public boolean[] select(int n, HvgFlavor flavor, boolean[] excluded) {
        if (n < 1) {
            throw new InvalidInputException("Number of highly variable genes is " + n + "; it must be at least 1.");
        }
        if (excluded != null && excluded.length != geneCount) {
            throw new InvalidInputException("Exclusion mask has " + excluded.length + " genes, the matrix " + geneCount + ".");
        }
        double[] s = scores(flavor);
        List<Integer> candidates = new ArrayList<>();
        for (int g = 0; g < geneCount; g++) {
            if (!Double.isNaN(s[g]) && (excluded == null || !excluded[g])) {
                candidates.add(g);
            }
        }
        candidates.sort((a, b) -> {
            int c = Double.compare(s[b], s[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        boolean[] mask = new boolean[geneCount];
        for (int i = 0; i < Math.min(n, candidates.size()); i++) {
            mask[candidates.get(i)] = true;
        }
        return mask;
    }
}
