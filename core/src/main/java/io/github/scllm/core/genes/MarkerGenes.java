package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks genes that distinguish each group of cells from all other cells (one group versus the rest), as scanpy's
 * {@code rank_genes_groups} does: Wilcoxon rank-sum with tie correction and the normal approximation (its default),
 * or Welch's t-test; scanpy's log2 fold change; Benjamini–Hochberg adjustment over all genes of a group; the fraction
 * of cells expressing the gene in and outside the group.
 *
 * <p>The input is streamed: a first pass counts non-zero values per gene and each cell's total, then each block of
 * genes is gathered gene by gene (non-zero values only) in one more pass. Per gene, only the non-zero values are
 * sorted; the zeros of all cells form one tied block whose rank is computed from its size, so a gene costs time and
 * memory in proportion to the cells expressing it. All ranks are taken over every cell with a group, once per gene,
 * and summed per group, so all groups are tested in one sort.
 */
public final class MarkerGenes {
    private static final int CANCEL_EVERY_CELLS = 512;
    private static final int CANCEL_EVERY_GENES = 64;
    private static final double LFC_EPSILON = 1e-9;
    private static final int INSERTION_SORT_BELOW = 16;

    private final MarkerOptions options;
    private final MarkerGroups groups;
    private final String[] symbols;
    private final int geneCount;
    private final int[] tested;
    private final double[][] score;
    private final double[][] statistic;
    private final double[][] pValue;
    private final double[][] logFold;
    private final double[][] fractionIn;
    private final double[][] fractionOut;
    private final double[][] meanIn;
    private final double[][] meanOut;

    // per-gene work buffers, grown as needed
    private double[] x = new double[0];
    private int[] grp = new int[0];
    private final int[] nnzG;
    /** Per group: the mean and the sum of squared deviations from it (Welch only). */
    private final double[] s1G;
    private final double[] s2G;
    private final double[] rankSumG;
    private final double[] sumG;

    private MarkerGenes(MarkerOptions options, MarkerGroups groups, String[] symbols, int[] tested) {
        this.options = options;
        this.groups = groups;
        this.symbols = symbols;
        this.geneCount = symbols.length;
        this.tested = tested;
        int t = tested.length;
        score = new double[t][geneCount];
        statistic = new double[t][geneCount];
        pValue = new double[t][geneCount];
        logFold = new double[t][geneCount];
        fractionIn = new double[t][geneCount];
        fractionOut = new double[t][geneCount];
        meanIn = new double[t][geneCount];
        meanOut = new double[t][geneCount];
        int g = groups.groupCount();
        nnzG = new int[g];
        s1G = new double[g];
        s2G = new double[g];
        rankSumG = new double[g];
        sumG = new double[g];
    }

    /**
     * Tests every group with at least {@link MarkerOptions#minGroupCells()} cells (and as many outside it) against
     * all other cells that have a group.
     *
     * @param source the cells, in the order of {@code groups}; scanned two or more times
     * @param symbols the gene symbol of each gene index; at least one gene
     * @param groups the group of each cell; at least one group must be testable
     * @param options what to compute
     * @param cancel polled every few hundred cells and every few dozen genes
     * @param progress receives the fraction done
     * @return the top genes per tested group and the skipped groups with reasons
     * @throws InvalidInputException if no group can be tested, the source and the grouping disagree on the number
     *         of cells, a gene index is out of range, or a value is not finite (or negative under log1p(CP10k))
     * @throws io.github.scllm.core.CancelledException if cancelled
     */
    public static MarkerResult compute(MarkerSource source, String[] symbols, MarkerGroups groups,
        MarkerOptions options, CancellationToken cancel, ProgressListener progress) {
        if (symbols.length == 0) {
            throw new InvalidInputException("Marker genes need at least one gene; the matrix has none.");
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        List<Integer> testable = new ArrayList<>();
        int min = options.minGroupCells();
        for (int g = 0; g < groups.groupCount(); g++) {
            int in = groups.size(g);
            int out = groups.assignedCount() - in;
            if (in < min) {
                skipped.put(groups.name(g), "has " + in + " cell(s), fewer than the minimum of " + min);
            } else if (out < min) {
                skipped.put(groups.name(g), "leaves " + out + " cell(s) outside the group, fewer than " + min);
            } else {
                testable.add(g);
            }
        }
        if (testable.isEmpty()) {
            throw new InvalidInputException("No group can be tested: " + skipped + ". Marker genes need at least two "
                + "groups with " + min + " or more cells each; check the group column.");
        }
        MarkerGenes run = new MarkerGenes(options, groups, symbols,
            testable.stream().mapToInt(Integer::intValue).toArray());
        return run.execute(source, skipped, cancel, progress);
    }

    private MarkerResult execute(MarkerSource source, Map<String, String> skipped, CancellationToken cancel,
        ProgressListener progress) {
        int cells = groups.cellCount();
        int[] nnz = new int[geneCount];
        double[] totals = new double[cells];
        progress.progress(0, "Counting expressed genes");
        countPass(source, nnz, totals, cancel);

        long total = 0;
        for (int n : nnz) {
            total += n;
        }
        int from = 0;
        long done = 0;
        while (from < geneCount) {
            int to = from;
            long block = 0;
            // a block takes genes while they fit the budget, and always at least one gene
            while (to < geneCount && (to == from || block + nnz[to] <= options.bufferedValues())) {
                block += nnz[to++];
            }
            final long doneBefore = done;
            final long all = Math.max(1, total);
            progress.progress(0.1 + 0.85 * doneBefore / all, "Testing genes " + from + " to " + (to - 1));
            gatherAndTest(source, from, to, nnz, totals, cancel);
            done += block;
            from = to;
        }
        progress.progress(0.95, "Adjusting p-values");
        List<MarkerGene> markers = new ArrayList<>();
        for (int t = 0; t < tested.length; t++) {
            markers.addAll(report(t));
        }
        progress.progress(1, "Done");
        return new MarkerResult(options, groups, markers, skipped);
    }

    private void countPass(MarkerSource source, int[] nnz, double[] totals, CancellationToken cancel) {
        int cells = groups.cellCount();
        boolean log = options.normalization() == Normalization.LOG1P_CP10K;
        int[] visited = {0};
        source.scan((cell, genes, values, from, to) -> {
            if (cell < 0 || cell >= cells) {
                throw new InvalidInputException("The matrix has a cell " + cell + " beyond the " + cells
                    + " cells of the group column; the expression and the groups do not belong together.");
            }
            if (++visited[0] % CANCEL_EVERY_CELLS == 0) {
                cancel.check();
            }
            if (groups.groupOf(cell) < 0) {
                return;
            }
            double sum = 0;
            for (int k = from; k < to; k++) {
                int g = genes[k];
                float v = values[k];
                if (g < 0 || g >= geneCount) {
                    throw new InvalidInputException("Cell " + cell + " has gene index " + g + ", outside the "
                        + geneCount + " genes; the matrix and its gene list do not match.");
                }
                if (!Float.isFinite(v) || (log && v < 0)) {
                    throw new InvalidInputException("Cell " + cell + ", gene " + symbols[g] + " has value " + v + (log
                        ? "; log1p(CP10k) normalisation needs non-negative counts. If the values are already "
                            + "log-normalised, choose no normalisation."
                        : "; marker tests need finite values."));
                }
                if (v != 0) {
                    nnz[g]++;
                }
                sum += v;
            }
            totals[cell] = sum;
        });
        if (visited[0] != cells) {
            throw new InvalidInputException("The matrix has " + visited[0] + " cells but the group column "
                + cells + "; the expression and the groups do not belong together.");
        }
    }

    private void gatherAndTest(MarkerSource source, int from, int to, int[] nnz, double[] totals,
        CancellationToken cancel) {
        int span = to - from;
        int[] start = new int[span + 1];
        for (int g = 0; g < span; g++) {
            start[g + 1] = start[g] + nnz[from + g];
        }
        float[] values = new float[start[span]];
        int[] cellOf = new int[start[span]];
        int[] pos = Arrays.copyOf(start, span);
        int[] visited = {0};
        source.scan((cell, genes, vals, a, b) -> {
            if (++visited[0] % CANCEL_EVERY_CELLS == 0) {
                cancel.check();
            }
            if (groups.groupOf(cell) < 0) {
                return;
            }
            for (int k = a; k < b; k++) {
                int g = genes[k];
                if (g >= from && g < to && vals[k] != 0) {
                    int p = pos[g - from]++;
                    if (p >= start[g - from + 1]) {
                        throw new InvalidInputException("The matrix changed between two passes (gene " + symbols[g]
                            + " has more values than counted); marker genes need a source that reads the same "
                            + "values every time.");
                    }
                    values[p] = vals[k];
                    cellOf[p] = cell;
                }
            }
        });
        boolean log = options.normalization() == Normalization.LOG1P_CP10K;
        for (int g = 0; g < span; g++) {
            if (g % CANCEL_EVERY_GENES == 0) {
                cancel.check();
            }
            int m = start[g + 1] - start[g];
            if (pos[g] != start[g + 1]) {
                throw new InvalidInputException("The matrix changed between two passes (gene " + symbols[from + g]
                    + " has fewer values than counted); marker genes need a source that reads the same values "
                    + "every time.");
            }
            if (x.length < m) {
                x = new double[Math.max(m, x.length * 2)];
                grp = new int[x.length];
            }
            for (int k = 0; k < m; k++) {
                int p = start[g] + k;
                int cell = cellOf[p];
                // value * 1e4 / total rounds once, so equal fractions of two cells are equal values (exact ties)
                x[k] = log ? Normalization.LOG1P_CP10K.apply(values[p], totals[cell]) : values[p];
                grp[k] = groups.groupOf(cell);
            }
            testGene(from + g, m);
        }
    }

    /** Tests one gene whose {@code m} non-zero values and their groups are in {@code x} and {@code grp}. */
    private void testGene(int gene, int m) {
        int n = groups.assignedCount();
        int groupCount = groups.groupCount();
        Arrays.fill(nnzG, 0);
        Arrays.fill(s1G, 0);
        Arrays.fill(s2G, 0);
        Arrays.fill(rankSumG, 0);
        Arrays.fill(sumG, 0);
        for (int k = 0; k < m; k++) {
            int g = grp[k];
            nnzG[g]++;
            sumG[g] += x[k];
        }
        double sum = 0;
        for (int g = 0; g < groupCount; g++) {
            sum += sumG[g];
        }
        boolean welch = options.test() == MarkerTest.WELCH_T;
        if (welch) {
            // two-pass sums of squared deviations per group: exactly 0 for a constant group
            for (int g = 0; g < groupCount; g++) {
                double mean = groups.size(g) > 0 ? sumG[g] / groups.size(g) : 0;
                s1G[g] = mean;
                s2G[g] = (groups.size(g) - nnzG[g]) * mean * mean;
            }
            for (int k = 0; k < m; k++) {
                double d = x[k] - s1G[grp[k]];
                s2G[grp[k]] += d * d;
            }
        }
        double tieSum = options.test() == MarkerTest.WILCOXON ? rankSums(m, n) : 0;

        for (int t = 0; t < tested.length; t++) {
            int g = tested[t];
            double n1 = groups.size(g);
            double n2 = n - n1;
            // means from plain sums: a gene absent from a side has a mean of exactly 0
            double mIn = sumG[g] / n1;
            double mOut = (sum - sumG[g]) / n2;
            meanIn[t][gene] = mIn;
            meanOut[t][gene] = mOut;
            fractionIn[t][gene] = nnzG[g] / n1;
            fractionOut[t][gene] = (m - nnzG[g]) / n2;
            logFold[t][gene] = Math.log((Math.expm1(mIn) + LFC_EPSILON) / (Math.expm1(mOut) + LFC_EPSILON))
                / Math.log(2);
            double z;
            double stat;
            double p;
            if (options.test() == MarkerTest.WILCOXON) {
                stat = rankSumG[g] - n1 * (n1 + 1) / 2;
                double variance = n1 * n2 / 12 * ((n + 1) - tieSum / ((double) n * (n - 1)));
                z = variance > 0 ? (stat - n1 * n2 / 2) / Math.sqrt(variance) : Double.NaN;
                p = MarkerMath.normalTwoSided(z);
            } else {
                double v1 = s2G[g] / (n1 - 1) / n1;
                double v2 = restSquares(g, mOut) / (n2 - 1) / n2;
                double se2 = v1 + v2;
                // a side without variance: scipy's t is then +-infinity (p = 0), or undefined when the means agree
                stat = (mIn - mOut) / Math.sqrt(se2);
                double df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
                z = stat;
                p = MarkerMath.studentTwoSided(stat, df);
            }
            boolean defined = !Double.isNaN(z) && !Double.isNaN(p);
            statistic[t][gene] = stat;
            score[t][gene] = defined ? z : 0;
            pValue[t][gene] = defined ? p : 1;
        }
    }

    /** Squared deviations from {@code mean} of all cells outside group {@code g}, from per-group moments. */
    private double restSquares(int g, double mean) {
        double m2 = 0;
        for (int h = 0; h < groups.groupCount(); h++) {
            if (h != g && groups.size(h) > 0) {
                double d = s1G[h] - mean;
                m2 += s2G[h] + groups.size(h) * d * d;
            }
        }
        return m2;
    }

    /**
     * Sorts the non-zero values, adds each value's (tie-averaged) rank over all n cells to its group's rank sum, and
     * returns the tie term sum(t^3 - t). The zeros of all cells are one tied run placed after the negative values.
     */
    private double rankSums(int m, int n) {
        sort(x, grp, 0, m);
        int negatives = 0;
        while (negatives < m && x[negatives] < 0) {
            negatives++;
        }
        double zeros = n - m;
        double tieSum = zeros * zeros * zeros - zeros;
        double zeroRank = negatives + (zeros + 1) / 2;
        for (int g = 0; g < groups.groupCount(); g++) {
            rankSumG[g] = (groups.size(g) - nnzG[g]) * zeroRank;
        }
        int i = 0;
        while (i < m) {
            int j = i + 1;
            while (j < m && x[j] == x[i]) {
                j++;
            }
            // 1-based positions i+1 .. j, shifted past the zero block for positive values
            double offset = x[i] > 0 ? zeros : 0;
            double rank = offset + (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                rankSumG[grp[k]] += rank;
            }
            double t = j - i;
            tieSum += t * t * t - t;
            i = j;
        }
        return tieSum;
    }

    private List<MarkerGene> report(int t) {
        String name = groups.name(tested[t]);
        double[] adjusted = MarkerMath.benjaminiHochberg(pValue[t]);
        double[] s = score[t];
        Integer[] order = new Integer[geneCount];
        for (int g = 0; g < geneCount; g++) {
            order[g] = g;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(s[b], s[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int count = options.topPerGroup() == 0 ? geneCount : Math.min(options.topPerGroup(), geneCount);
        List<MarkerGene> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            int g = order[r];
            out.add(new MarkerGene(name, g, symbols[g], r + 1, s[g], statistic[t][g], logFold[t][g], pValue[t][g],
                adjusted[g], fractionIn[t][g], fractionOut[t][g], meanIn[t][g], meanOut[t][g]));
        }
        return out;
    }

    /** Sorts {@code keys[from, to)} ascending, moving {@code payload} along; three-way partitions keep ties cheap. */
    static void sort(double[] keys, int[] payload, int from, int to) {
        while (to - from > INSERTION_SORT_BELOW) {
            double pivot = median(keys[from], keys[(from + to) >>> 1], keys[to - 1]);
            int lt = from;
            int i = from;
            int gt = to - 1;
            while (i <= gt) {
                double k = keys[i];
                if (k < pivot) {
                    swap(keys, payload, lt++, i++);
                } else if (k > pivot) {
                    swap(keys, payload, i, gt--);
                } else {
                    i++;
                }
            }
            // recurse into the smaller side, loop on the larger: stack depth stays logarithmic
            if (lt - from < to - gt - 1) {
                sort(keys, payload, from, lt);
                from = gt + 1;
            } else {
                sort(keys, payload, gt + 1, to);
                to = lt;
            }
        }
        for (int i = from + 1; i < to; i++) {
            double k = keys[i];
            int p = payload[i];
            int j = i - 1;
            while (j >= from && keys[j] > k) {
                keys[j + 1] = keys[j];
                payload[j + 1] = payload[j];
                j--;
            }
            keys[j + 1] = k;
            payload[j + 1] = p;
        }
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(double[] keys, int[] payload, int i, int j) {
        double k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
        int p = payload[i];
        payload[i] = payload[j];
        payload[j] = p;
    }
}
