package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;

/**
 * Options of {@link ReferenceScorer}.
 *
 * @param topMarkers how many of a group's best grounded markers take part in the overlap, at least 1
 * @param maxAdjustedP a marker with statistics counts only with an adjusted p-value at most this, in (0, 1]
 * @param minConfidence below this confidence the call rolls up to the lowest common ancestor of the top two
 *        candidates, in [0, 1]
 * @param rollUpMargin the top two candidates roll up when they are ontology siblings and the runner-up's -log10 p is
 *        within this fraction of the best's, in [0, 1]
 * @param minCanonicalForRejection a call is rejected when at least this many of the type's canonical markers are
 *        measured and none is among the group's markers; at least 1
 */
public record ReferenceOptions(int topMarkers, double maxAdjustedP, double minConfidence, double rollUpMargin,
    int minCanonicalForRejection) {

    /** 100 markers, adjusted p at most 0.05, roll up below confidence 0.2 or within 10 % for siblings, 3 canonical. */
    public static final ReferenceOptions DEFAULTS = new ReferenceOptions(100, 0.05, 0.2, 0.1, 3);

    /**
     * @throws InvalidInputException if a value is out of range
     */
    public ReferenceOptions {
        if (topMarkers < 1) {
            throw new InvalidInputException("Markers per group is " + topMarkers + "; it must be at least 1.");
        }
        if (!(maxAdjustedP > 0 && maxAdjustedP <= 1)) {
            throw new InvalidInputException("Adjusted p-value threshold is " + maxAdjustedP + "; use (0, 1].");
        }
        if (!(minConfidence >= 0 && minConfidence <= 1) || !(rollUpMargin >= 0 && rollUpMargin <= 1)) {
            throw new InvalidInputException("Confidence threshold and roll-up margin must lie in [0, 1].");
        }
        if (minCanonicalForRejection < 1) {
            throw new InvalidInputException("Canonical markers for rejection must be at least 1.");
        }
    }

    public ReferenceOptions withTopMarkers(int n) {
        return new ReferenceOptions(n, maxAdjustedP, minConfidence, rollUpMargin, minCanonicalForRejection);
    }

    public ReferenceOptions withMinConfidence(double c) {
        return new ReferenceOptions(topMarkers, maxAdjustedP, c, rollUpMargin, minCanonicalForRejection);
    }
}
