package io.github.scllm.core.classify;

import io.github.scllm.core.InvalidInputException;

/**
 * Settings of {@link Classifiers#fit}. Validated on construction; {@link #DEFAULTS} is the method's setting
 * (k-nearest neighbours, k = 10, cosine, uniform vote, no reject option).
 *
 * @param kind classifier family
 * @param k number of neighbours, at least 1 (k-nearest neighbours only)
 * @param capKAtSmallestClass lower k to the size of the smallest reference class when that is smaller
 * @param metric distance of the neighbour search
 * @param weighting vote weighting of the neighbours
 * @param tieBreak which class wins a tied vote
 * @param rejectThreshold predictions whose confidence is below this value become {@link Classifier#UNKNOWN};
 *        0 switches the reject option off; in [0, 1]
 * @param inverseRegularization logistic regression's C (> 0): the L2 penalty is ||W||^2 / (2C)
 * @param maxIterations iteration limit of the logistic regression optimiser, at least 1
 * @param threads worker threads, at least 1
 */
public record ClassifierOptions(ClassifierKind kind, int k, boolean capKAtSmallestClass, DistanceMetric metric,
        VoteWeighting weighting, TieBreak tieBreak, double rejectThreshold, double inverseRegularization,
        int maxIterations, int threads) {

    /** k-nearest neighbours, k = 10, cosine, uniform, label-order ties, no reject, C = 1, all cores. */
    public static final ClassifierOptions DEFAULTS = new ClassifierOptions(ClassifierKind.KNN, 10, false,
            DistanceMetric.COSINE, VoteWeighting.UNIFORM, TieBreak.LABEL_ORDER, 0.0, 1.0, 1000,
            Runtime.getRuntime().availableProcessors());

    /**
     * @throws InvalidInputException if a value is out of range or an enum is null
     */
    public ClassifierOptions {
        if (kind == null || metric == null || weighting == null || tieBreak == null) {
            throw new InvalidInputException("Classifier options: classifier, metric, weighting and tie-break must "
                    + "all be set.");
        }
        if (k < 1) {
            throw new InvalidInputException("Classifier options: k must be at least 1, got " + k + ".");
        }
        if (!(rejectThreshold >= 0 && rejectThreshold <= 1)) {
            throw new InvalidInputException("Classifier options: the reject threshold must lie in [0, 1] (0 = off), "
                    + "got " + rejectThreshold + ".");
        }
        if (!(inverseRegularization > 0) || Double.isInfinite(inverseRegularization)) {
            throw new InvalidInputException("Classifier options: the inverse regularisation C must be a positive "
                    + "finite number, got " + inverseRegularization + ".");
        }
        if (maxIterations < 1) {
            throw new InvalidInputException("Classifier options: the iteration limit must be at least 1, got "
                    + maxIterations + ".");
        }
        if (threads < 1) {
            throw new InvalidInputException("Classifier options: threads must be at least 1, got " + threads + ".");
        }
    }

    /** @return a copy with another classifier family */
    public ClassifierOptions withKind(ClassifierKind newKind) {
        return new ClassifierOptions(newKind, k, capKAtSmallestClass, metric, weighting, tieBreak, rejectThreshold,
                inverseRegularization, maxIterations, threads);
    }

    /** @return a copy with another k */
    public ClassifierOptions withK(int newK) {
        return new ClassifierOptions(kind, newK, capKAtSmallestClass, metric, weighting, tieBreak, rejectThreshold,
                inverseRegularization, maxIterations, threads);
    }

    /** @return a copy with another metric */
    public ClassifierOptions withMetric(DistanceMetric newMetric) {
        return new ClassifierOptions(kind, k, capKAtSmallestClass, newMetric, weighting, tieBreak, rejectThreshold,
                inverseRegularization, maxIterations, threads);
    }

    /** @return a copy with another vote weighting */
    public ClassifierOptions withWeighting(VoteWeighting newWeighting) {
        return new ClassifierOptions(kind, k, capKAtSmallestClass, metric, newWeighting, tieBreak, rejectThreshold,
                inverseRegularization, maxIterations, threads);
    }

    /** @return a copy with another reject threshold */
    public ClassifierOptions withRejectThreshold(double threshold) {
        return new ClassifierOptions(kind, k, capKAtSmallestClass, metric, weighting, tieBreak, threshold,
                inverseRegularization, maxIterations, threads);
    }

    /** @return a copy with another logistic regression C */
    public ClassifierOptions withInverseRegularization(double c) {
        return new ClassifierOptions(kind, k, capKAtSmallestClass, metric, weighting, tieBreak, rejectThreshold, c,
                maxIterations, threads);
    }

    /** @return a copy with another thread count */
    public ClassifierOptions withThreads(int newThreads) {
        return new ClassifierOptions(kind, k, capKAtSmallestClass, metric, weighting, tieBreak, rejectThreshold,
                inverseRegularization, maxIterations, newThreads);
    }

    /** @return a copy with the k cap switched on or off */
    public ClassifierOptions withCapKAtSmallestClass(boolean cap) {
        return new ClassifierOptions(kind, k, cap, metric, weighting, tieBreak, rejectThreshold,
                inverseRegularization, maxIterations, threads);
    }

    /** @return a copy with another tie-break */
    public ClassifierOptions withTieBreak(TieBreak newTieBreak) {
        return new ClassifierOptions(kind, k, capKAtSmallestClass, metric, weighting, newTieBreak, rejectThreshold,
                inverseRegularization, maxIterations, threads);
    }
}
