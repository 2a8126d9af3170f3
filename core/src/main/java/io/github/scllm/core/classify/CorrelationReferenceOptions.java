package io.github.scllm.core.classify;

import io.github.scllm.core.InvalidInputException;

/**
 * Settings of {@link CorrelationReference}. {@link #DEFAULTS} are the published method's (SingleR, classic marker
 * mode): score quantile 0.8, fine-tuning within 0.05 of the best score, pruning at 3 median absolute deviations.
 *
 * @param quantile the score of a class is this quantile of the query's correlations to the class's reference cells;
 *        in [0, 1]
 * @param fineTune whether to re-score the top classes on the markers that separate them
 * @param tuneThreshold classes whose score is within this distance of the best stay in the fine-tuning; &ge; 0
 * @param prune whether to label {@link Classifier#UNKNOWN} the cells whose assigned score stands out too little from
 *        their median score (more than 3 median absolute deviations below the other cells of their label)
 * @param markersPerPair marker genes kept per ordered pair of classes, at least 1; 0 chooses the method's
 *        {@code round(500 * (2/3)^log2(classes))}
 * @param threads worker threads, at least 1
 */
public record CorrelationReferenceOptions(double quantile, boolean fineTune, double tuneThreshold, boolean prune,
        int markersPerPair, int threads) {

    /** Quantile 0.8, fine-tuning at 0.05, pruning on, automatic marker count, all cores. */
    public static final CorrelationReferenceOptions DEFAULTS = new CorrelationReferenceOptions(0.8, true, 0.05, true,
            0, Runtime.getRuntime().availableProcessors());

    /** @throws InvalidInputException if a value is out of range */
    public CorrelationReferenceOptions {
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new InvalidInputException("Correlation reference: the score quantile must lie in [0, 1], got "
                    + quantile + ".");
        }
        if (!(tuneThreshold >= 0) || Double.isInfinite(tuneThreshold)) {
            throw new InvalidInputException("Correlation reference: the fine-tuning threshold must be a finite "
                    + "number of at least 0, got " + tuneThreshold + ".");
        }
        if (markersPerPair < 0) {
            throw new InvalidInputException("Correlation reference: markers per pair of classes must be at least 1 "
                    + "(or 0 for the automatic count), got " + markersPerPair + ".");
        }
        if (threads < 1) {
            throw new InvalidInputException("Correlation reference: threads must be at least 1, got " + threads
                    + ".");
        }
    }

    /** @return a copy with pruning switched on or off */
    public CorrelationReferenceOptions withPrune(boolean p) {
        return new CorrelationReferenceOptions(quantile, fineTune, tuneThreshold, p, markersPerPair, threads);
    }

    /** @return a copy with fine-tuning switched on or off */
    public CorrelationReferenceOptions withFineTune(boolean f) {
        return new CorrelationReferenceOptions(quantile, f, tuneThreshold, prune, markersPerPair, threads);
    }

    /** @return a copy with another thread count */
    public CorrelationReferenceOptions withThreads(int n) {
        return new CorrelationReferenceOptions(quantile, fineTune, tuneThreshold, prune, markersPerPair, n);
    }

    /**
     * The marker count per ordered pair of classes for a number of classes: the one set, or SingleR's default
     * {@code round(500 * (2/3)^log2(classes))} (rounding half to even, as R does).
     */
    int markersPerPair(int classes) {
        if (markersPerPair > 0) {
            return markersPerPair;
        }
        double log2 = Math.log(classes) / Math.log(2);
        return (int) Math.max(1, Math.rint(500 * Math.pow(2.0 / 3.0, log2)));
    }
}
