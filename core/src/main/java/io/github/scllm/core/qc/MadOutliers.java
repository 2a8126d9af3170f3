package io.github.scllm.core.qc;

import io.github.scllm.core.InvalidInputException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outliers by median absolute deviation, as scuttle's {@code isOutlier}: per batch, the median m and the MAD
 * (median of |x - m| times 1.4826, R's {@code mad}) of the metric (natural log of it when {@code log}); a value is
 * an outlier when it lies strictly below {@code m - nmads * MAD} (lower side) or strictly above
 * {@code m + nmads * MAD} (higher side). Missing values (NaN) are never outliers and take no part in the statistics.
 */
public final class MadOutliers {
    /** R's consistency constant of {@code mad}: makes the MAD estimate the standard deviation of a normal sample. */
    static final double MAD_CONSTANT = 1.4826;

    /** Which tails are outliers. */
    public enum Side {
        /** Small values only. */
        LOWER,
        /** Large values only. */
        HIGHER,
        /** Both tails. */
        BOTH
    }

    /**
     * The thresholds of one batch, on the metric's own scale (back-transformed when computed on logs); an absent
     * side is infinite.
     *
     * @param batch the batch name, or the empty string without batches
     * @param median median of the (logged) metric
     * @param mad MAD of the (logged) metric
     * @param lower values below are outliers
     * @param upper values above are outliers
     */
    public record Thresholds(String batch, double median, double mad, double lower, double upper) {
    }

    /**
     * The outcome.
     *
     * @param outlier one flag per value
     * @param thresholds per batch, in order of first appearance
     */
    public record Result(boolean[] outlier, Map<String, Thresholds> thresholds) {
    }

    private MadOutliers() {
    }

    /**
     * Flags outliers.
     *
     * @param values the metric per cell; NaN for unknown
     * @param batches the batch per cell, or null for one batch; a null entry is its own batch "NA"
     * @param nmads number of MADs, positive
     * @param log whether to work on the natural log of the values (counts); zero becomes minus infinity, as in R
     * @param side which tails are outliers
     * @return flags and thresholds
     * @throws InvalidInputException if nmads is not positive or the batches do not match the values
     */
    public static Result flag(double[] values, String[] batches, double nmads, boolean log, Side side) {
        if (!(nmads > 0) || Double.isInfinite(nmads)) {
            throw new InvalidInputException("Outliers: the number of MADs must be positive and finite, got " + nmads
                + ".");
        }
        if (batches != null && batches.length != values.length) {
            throw new InvalidInputException("Outliers: " + batches.length + " batch labels for " + values.length
                + " cells.");
        }
        Map<String, int[]> members = groups(batches, values.length);
        boolean[] outlier = new boolean[values.length];
        Map<String, Thresholds> thresholds = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : members.entrySet()) {
            int[] idx = e.getValue();
            double[] x = new double[idx.length];
            int n = 0;
            for (int i : idx) {
                double v = values[i];
                if (!Double.isNaN(v)) {
                    x[n++] = log ? Math.log(v) : v;
                }
            }
            x = Arrays.copyOf(x, n);
            double median = median(x.clone());
            double[] dev = new double[n];
            for (int t = 0; t < n; t++) {
                dev[t] = Math.abs(x[t] - median);
            }
            double mad = MAD_CONSTANT * median(dev);
            double lo = side == Side.HIGHER ? Double.NEGATIVE_INFINITY : median - nmads * mad;
            double hi = side == Side.LOWER ? Double.POSITIVE_INFINITY : median + nmads * mad;
            for (int i : idx) {
                double v = values[i];
                if (!Double.isNaN(v)) {
                    double y = log ? Math.log(v) : v;
                    outlier[i] = y < lo || y > hi;
                }
            }
            thresholds.put(e.getKey(), new Thresholds(e.getKey(), median, mad, log ? Math.exp(lo) : lo,
                log ? Math.exp(hi) : hi));
        }
        return new Result(outlier, thresholds);
    }

    /** @return the cells of each batch, batches in order of first appearance */
    static Map<String, int[]> groups(String[] batches, int n) {
        Map<String, int[]> out = new LinkedHashMap<>();
        if (batches == null) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            out.put("", all);
            return out;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String b : batches) {
            counts.merge(b == null ? "NA" : b, 1, Integer::sum);
        }
        Map<String, Integer> filled = new LinkedHashMap<>();
        counts.forEach((k, c) -> {
            out.put(k, new int[c]);
            filled.put(k, 0);
        });
        for (int i = 0; i < n; i++) {
            String b = batches[i] == null ? "NA" : batches[i];
            int f = filled.get(b);
            out.get(b)[f] = i;
            filled.put(b, f + 1);
        }
        return out;
    }

    /** Median as R computes it (mean of the two middle values for an even count); NaN for no values. Sorts x. */
    static double median(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(x);
        int h = x.length / 2;
        return x.length % 2 == 1 ? x[h] : (x[h - 1] + x[h]) / 2;
    }
}
