package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;

/**
 * Options of {@link MarkerEvidenceScorer}.
 *
 * @param root calls are this term or below it, e.g. {@link ZeroShotOptions#ANIMAL_CELL_ROOT}
 * @param topMarkers how many of a group's best grounded markers count, at least 1
 * @param maxAdjustedP a marker with statistics counts only with an adjusted p-value at most this, in (0, 1]
 * @param temperature the softmax temperature that turns similarities, divided by the best one, into probabilities,
 *        &gt; 0
 * @param minProbability the call is the most specific term whose probability (its own and its descendants') is at
 *        least this, in (0, 1]
 * @param offTissuePrior the prior weight of a type the databases never list in the group's tissue, relative to 1 for
 *        types they do list there, in (0, 1]; 1 ignores the tissue
 */
public record MarkerEvidenceOptions(String root, int topMarkers, double maxAdjustedP, double temperature,
    double minProbability, double offTissuePrior) {

    /**
     * Root "animal cell"; 100 markers (all of a short list); p at most 0.05; temperature 0.1, so a type with 90 % of
     * the best similarity weighs e^-1 of the best; a call needs a majority (probability 0.5); types never seen in the
     * tissue count half.
     */
    public static final MarkerEvidenceOptions DEFAULTS = new MarkerEvidenceOptions(ZeroShotOptions.ANIMAL_CELL_ROOT,
        100, 0.05, 0.1, 0.5, 0.5);

    /** @throws InvalidInputException if a value is out of range */
    public MarkerEvidenceOptions {
        if (root == null || root.isBlank()) {
            throw new InvalidInputException("No root term for the candidates: give e.g. "
                + ZeroShotOptions.ANIMAL_CELL_ROOT + ".");
        }
        root = root.strip();
        if (topMarkers < 1) {
            throw new InvalidInputException("Markers per group is " + topMarkers + "; it must be at least 1.");
        }
        if (!(maxAdjustedP > 0 && maxAdjustedP <= 1)) {
            throw new InvalidInputException("Adjusted p-value threshold is " + maxAdjustedP + "; use (0, 1].");
        }
        if (!(temperature > 0)) {
            throw new InvalidInputException("Temperature is " + temperature + "; it must be positive.");
        }
        if (!(minProbability > 0 && minProbability <= 1)) {
            throw new InvalidInputException("Minimum probability is " + minProbability + "; use (0, 1].");
        }
        if (!(offTissuePrior > 0 && offTissuePrior <= 1)) {
            throw new InvalidInputException("Off-tissue prior is " + offTissuePrior + "; use (0, 1].");
        }
    }

    public MarkerEvidenceOptions withRoot(String r) {
        return new MarkerEvidenceOptions(r, topMarkers, maxAdjustedP, temperature, minProbability, offTissuePrior);
    }

    public MarkerEvidenceOptions withTopMarkers(int n) {
        return new MarkerEvidenceOptions(root, n, maxAdjustedP, temperature, minProbability, offTissuePrior);
    }

    public MarkerEvidenceOptions withMaxAdjustedP(double p) {
        return new MarkerEvidenceOptions(root, topMarkers, p, temperature, minProbability, offTissuePrior);
    }

    public MarkerEvidenceOptions withMinProbability(double m) {
        return new MarkerEvidenceOptions(root, topMarkers, maxAdjustedP, temperature, m, offTissuePrior);
    }

    public MarkerEvidenceOptions withTemperature(double t) {
        return new MarkerEvidenceOptions(root, topMarkers, maxAdjustedP, t, minProbability, offTissuePrior);
    }

    public MarkerEvidenceOptions withOffTissuePrior(double w) {
        return new MarkerEvidenceOptions(root, topMarkers, maxAdjustedP, temperature, minProbability, w);
    }
}
