package io.github.scllm.core.classify;

import io.github.scllm.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How well a classifier's confidence matches its observed accuracy: a reliability table over equal-width confidence
 * bins, the expected calibration error (ECE) and the maximum calibration error (MCE).
 *
 * <p>Bin {@code b} of {@code B} covers {@code [b/B, (b+1)/B)}; the last bin is closed, so a confidence of exactly 1
 * falls into it. A confidence lying exactly on an edge {@code b/B} (as vote shares of k-nearest neighbours often do)
 * belongs to the bin that starts there. ECE is {@code Σ_b n_b/N · |acc_b − conf_b|} and MCE is
 * {@code max_b |acc_b − conf_b|}, both over the non-empty bins only; {@code acc_b} is the share of correct cells and
 * {@code conf_b} the mean confidence in bin {@code b}. A perfectly calibrated classifier has ECE = MCE = 0.
 *
 * @param bins one row per bin, lowest confidence first, empty bins included
 * @param cells number of cells
 * @param accuracy share of correct cells overall
 * @param meanConfidence mean confidence overall
 * @param ece expected calibration error, in [0, 1]
 * @param mce maximum calibration error, in [0, 1]
 */
public record Calibration(List<Bin> bins, int cells, double accuracy, double meanConfidence, double ece,
        double mce) {

    /** Number of bins of {@link #of(double[], boolean[])}. */
    public static final int DEFAULT_BINS = 10;

    /**
     * One row of the reliability table.
     *
     * @param index 0-based bin number
     * @param lower lowest confidence of the bin (inclusive)
     * @param upper highest confidence of the bin (exclusive, inclusive for the last bin)
     * @param count cells whose confidence falls into the bin
     * @param meanConfidence mean confidence of those cells, NaN when the bin is empty
     * @param accuracy share of those cells predicted right, NaN when the bin is empty
     */
    public record Bin(int index, double lower, double upper, int count, double meanConfidence, double accuracy) {

        /** @return {@code |accuracy − meanConfidence|}, NaN for an empty bin */
        public double gap() {
            return Math.abs(accuracy - meanConfidence);
        }
    }

    /** Copies the bins so the record stays immutable. */
    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * The reliability table with {@value #DEFAULT_BINS} bins.
     *
     * @see #of(double[], boolean[], int)
     */
    public static Calibration of(double[] confidence, boolean[] correct) {
        return of(confidence, correct, DEFAULT_BINS);
    }

    /**
     * Bins the cells by confidence and compares each bin's mean confidence with its accuracy.
     *
     * @param confidence the classifier's confidence per cell, each in [0, 1]; at least one cell
     * @param correct whether each cell's prediction was right, same length
     * @param binCount number of equal-width bins, at least 1
     * @return the table and its summaries
     * @throws InvalidInputException if an array is missing, the lengths differ, there is no cell, a confidence is
     *         outside [0, 1] or not a number, or {@code binCount} is below 1
     */
    public static Calibration of(double[] confidence, boolean[] correct, int binCount) {
        checkCells(confidence, correct, "Calibration");
        if (binCount < 1) {
            throw new InvalidInputException("Calibration: the number of bins must be at least 1, got " + binCount
                    + ".");
        }
        int n = confidence.length;
        int[] count = new int[binCount];
        double[] confSum = new double[binCount];
        int[] right = new int[binCount];
        double totalConf = 0;
        int totalRight = 0;
        for (int i = 0; i < n; i++) {
            int b = bin(confidence[i], binCount);
            count[b]++;
            confSum[b] += confidence[i];
            totalConf += confidence[i];
            if (correct[i]) {
                right[b]++;
                totalRight++;
            }
        }
        List<Bin> bins = new ArrayList<>(binCount);
        double ece = 0;
        double mce = 0;
        for (int b = 0; b < binCount; b++) {
            double lower = (double) b / binCount;
            double upper = (double) (b + 1) / binCount;
            if (count[b] == 0) {
                bins.add(new Bin(b, lower, upper, 0, Double.NaN, Double.NaN));
                continue;
            }
            double meanConf = confSum[b] / count[b];
            double acc = (double) right[b] / count[b];
            double gap = Math.abs(acc - meanConf);
            ece += (double) count[b] / n * gap;
            mce = Math.max(mce, gap);
            bins.add(new Bin(b, lower, upper, count[b], meanConf, acc));
        }
        return new Calibration(bins, n, (double) totalRight / n, totalConf / n, ece, mce);
    }

    /**
     * The calibration of predicted labels against true labels. Cells predicted {@link Classifier#UNKNOWN} are left out
     * (the class they would have had is not known), and so are cells whose confidence is NaN (missing).
     *
     * @param truth true label per cell, none null
     * @param predicted predicted label per cell, none null, same length
     * @param confidence confidence per cell, in [0, 1] or NaN, same length
     * @param binCount number of equal-width bins, at least 1
     * @return the calibration, or empty when no cell is left
     * @throws InvalidInputException if an array is missing, the lengths differ, a label is missing, a confidence lies
     *         outside [0, 1], or {@code binCount} is below 1
     */
    public static Optional<Calibration> ofPredictions(String[] truth, String[] predicted, double[] confidence,
            int binCount) {
        if (truth == null || predicted == null || confidence == null || truth.length != predicted.length
                || truth.length != confidence.length) {
            throw new InvalidInputException("Calibration needs one true label, one predicted label and one confidence "
                    + "per cell.");
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == null || predicted[i] == null) {
                throw new InvalidInputException("Calibration: the " + (truth[i] == null ? "true" : "predicted")
                        + " label of cell " + (i + 1) + " is missing.");
            }
            if (!Double.isNaN(confidence[i]) && !Classifier.UNKNOWN.equals(predicted[i])) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        double[] conf = new double[kept.size()];
        boolean[] right = new boolean[kept.size()];
        for (int j = 0; j < conf.length; j++) {
            int i = kept.get(j);
            conf[j] = confidence[i];
            right[j] = truth[i].equals(predicted[i]);
        }
        return Optional.of(of(conf, right, binCount));
    }

    /**
     * The bin of a confidence: the {@code b} with {@code b/B <= c < (b+1)/B}, edges computed as {@code b/B}, and
     * {@code c = 1} in the last bin.
     */
    static int bin(double c, int binCount) {
        int b = (int) Math.floor(c * binCount);
        if (b > 0 && c < (double) b / binCount) {
            b--;
        } else if (b < binCount && c >= (double) (b + 1) / binCount) {
            b++;
        }
        return Math.max(0, Math.min(binCount - 1, b));
    }

    /** Checks the shared preconditions of {@link Calibration} and {@link RejectThreshold}. */
    static void checkCells(double[] confidence, boolean[] correct, String what) {
        if (confidence == null || correct == null) {
            throw new InvalidInputException(what + " needs a confidence and a correctness value per cell.");
        }
        if (confidence.length != correct.length) {
            throw new InvalidInputException(what + ": " + confidence.length + " confidences but " + correct.length
                    + " correctness values; both must come from the same cells.");
        }
        if (confidence.length == 0) {
            throw new InvalidInputException(what + ": no cell to work on; give at least one cell with a confidence "
                    + "and a known true label.");
        }
        for (int i = 0; i < confidence.length; i++) {
            double c = confidence[i];
            if (!(c >= 0 && c <= 1)) {
                throw new InvalidInputException(what + ": the confidence of cell " + (i + 1) + " is " + c
                        + "; confidences must lie in [0, 1] (choose the classifier's confidence column).");
            }
        }
    }
}
