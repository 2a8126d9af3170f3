package io.github.scllm.core.classify;

import io.github.scllm.core.InvalidInputException;
import java.util.Arrays;

/**
 * A reject threshold chosen on held-out (calibration) cells, and what it achieved there. A cell is accepted when its
 * confidence is at least the threshold and rejected ({@link Classifier#UNKNOWN}) otherwise, as
 * {@link ClassifierOptions#rejectThreshold()} does; a threshold of 0 accepts every cell.
 *
 * <p>The candidates are 0 and every distinct confidence of the calibration cells, so the choice depends only on those
 * cells and is the same on every run. Choose on cells the classifier was not fitted on and that are not the cells you
 * will score later, otherwise the reported accuracy is optimistic.
 *
 * @param threshold the chosen threshold, in [0, 1]
 * @param target what was asked for
 * @param targetReached whether the accepted cells reach the target (always true for a coverage target)
 * @param cells calibration cells
 * @param accepted calibration cells whose confidence is at least the threshold
 * @param accuracy share of the accepted calibration cells predicted right
 * @param coverage {@code accepted / cells}
 */
public record RejectThreshold(double threshold, Target target, boolean targetReached, int cells, int accepted,
        double accuracy, double coverage) {

    /** What the threshold should achieve on the calibration cells. */
    public enum Goal {
        /** The accepted cells reach at least this accuracy. */
        ACCURACY,
        /** At least this share of the cells is accepted. */
        COVERAGE
    }

    /**
     * A target for {@link #choose}.
     *
     * @param goal accuracy or coverage
     * @param value the share to reach, in (0, 1]
     */
    public record Target(Goal goal, double value) {

        /** @throws InvalidInputException if the goal is missing or the value is outside (0, 1] */
        public Target {
            if (goal == null) {
                throw new InvalidInputException("Reject threshold: say whether the target is an accuracy or a "
                        + "coverage.");
            }
            if (!(value > 0 && value <= 1)) {
                throw new InvalidInputException("Reject threshold: the target " + goal.name().toLowerCase()
                        + " must lie in (0, 1], got " + value + ".");
            }
        }

        /** @return a target accuracy of the accepted cells */
        public static Target accuracy(double value) {
            return new Target(Goal.ACCURACY, value);
        }

        /** @return a target share of accepted cells */
        public static Target coverage(double value) {
            return new Target(Goal.COVERAGE, value);
        }
    }

    /**
     * Chooses the threshold.
     * <ul>
     * <li>Accuracy target: the smallest candidate whose accepted cells reach the target accuracy. When no candidate
     * reaches it, the candidate with the highest accuracy (the smallest of equals) is returned with
     * {@code targetReached = false}.</li>
     * <li>Coverage target: the largest candidate that still accepts at least {@code ceil(value · cells)} cells (ties
     * in confidence are accepted together, so the coverage may exceed the target).</li>
     * </ul>
     *
     * @param confidence the classifier's confidence per calibration cell, each in [0, 1]; at least one cell
     * @param correct whether each calibration cell's prediction was right, same length
     * @param target what to reach
     * @return the threshold and its accuracy and coverage on the calibration cells
     * @throws InvalidInputException if an array or the target is missing, the lengths differ, there is no cell, or a
     *         confidence is outside [0, 1]
     */
    public static RejectThreshold choose(double[] confidence, boolean[] correct, Target target) {
        Calibration.checkCells(confidence, correct, "Reject threshold");
        if (target == null) {
            throw new InvalidInputException("Reject threshold: give a target accuracy or coverage.");
        }
        int n = confidence.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // highest confidence first; the index breaks ties so the order never depends on the sort
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(confidence[b], confidence[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        // walk down the distinct confidences: candidate t accepts every cell with confidence >= t
        double[] candidate = new double[n + 1];
        int[] acceptedAt = new int[n + 1];
        int[] rightAt = new int[n + 1];
        int groups = 0;
        int accepted = 0;
        int right = 0;
        for (int j = 0; j < n; ) {
            double t = confidence[order[j]];
            while (j < n && confidence[order[j]] == t) {
                accepted++;
                right += correct[order[j]] ? 1 : 0;
                j++;
            }
            candidate[groups] = t;
            acceptedAt[groups] = accepted;
            rightAt[groups] = right;
            groups++;
        }
        // threshold 0 accepts everything; it replaces the lowest confidence when that is 0 already
        if (candidate[groups - 1] > 0) {
            candidate[groups] = 0;
            acceptedAt[groups] = n;
            rightAt[groups] = right;
            groups++;
        }
        int pick;
        boolean reached;
        if (target.goal() == Goal.COVERAGE) {
            int needed = (int) Math.ceil(target.value() * n - 1e-9);
            pick = groups - 1;
            for (int g = 0; g < groups; g++) {
                if (acceptedAt[g] >= needed) {
                    pick = g;
                    break;
                }
            }
            reached = true;
        } else {
            pick = -1;
            int best = groups - 1;
            double bestAccuracy = -1;
            // from the lowest candidate upwards: the first that reaches the target is the smallest threshold
            for (int g = groups - 1; g >= 0; g--) {
                double acc = (double) rightAt[g] / acceptedAt[g];
                if (pick < 0 && acc >= target.value() - 1e-12) {
                    pick = g;
                }
                if (acc > bestAccuracy) {
                    best = g;
                    bestAccuracy = acc;
                }
            }
            reached = pick >= 0;
            if (!reached) {
                pick = best;
            }
        }
        return new RejectThreshold(candidate[pick], target, reached, n, acceptedAt[pick],
                (double) rightAt[pick] / acceptedAt[pick], (double) acceptedAt[pick] / n);
    }

    /**
     * Applies the threshold to predictions made for other cells.
     *
     * @param labels predicted label per cell
     * @param confidence confidence per cell, same length
     * @return a copy of the labels with {@link Classifier#UNKNOWN} where the confidence is below the threshold
     * @throws InvalidInputException if an array is missing or the lengths differ
     */
    public String[] apply(String[] labels, double[] confidence) {
        if (labels == null || confidence == null || labels.length != confidence.length) {
            throw new InvalidInputException("Reject threshold: give one confidence per predicted label ("
                    + (labels == null ? 0 : labels.length) + " labels, "
                    + (confidence == null ? 0 : confidence.length) + " confidences).");
        }
        String[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if (confidence[i] < threshold) {
                out[i] = Classifier.UNKNOWN;
            }
        }
        return out;
    }
}
