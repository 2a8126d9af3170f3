package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;

/**
 * Options of {@link LlmAnnotator}.
 *
 * @param topMarkers how many of a group's best significant up-regulated markers go into the prompt, at least 1
 * @param maxAdjustedP a marker with statistics counts only with an adjusted p-value at most this, in (0, 1]
 * @param minConfidence below this (grounded) confidence the call rolls up to the lowest common ancestor of the call
 *        and the model's first alternative, in [0, 1]
 * @param siblingConfidence when the first alternative is a sibling of the call, the call rolls up below this
 *        confidence, in [0, 1]
 * @param tissue the tissue for the prompt, or an empty string
 * @param species the species for the prompt, or an empty string
 */
public record LlmOptions(int topMarkers, double maxAdjustedP, double minConfidence, double siblingConfidence,
    String tissue, String species) {

    /** 30 markers, p at most 0.05, roll up below 0.3, or below 0.5 between siblings; no tissue or species. */
    public static final LlmOptions DEFAULTS = new LlmOptions(30, 0.05, 0.3, 0.5, "", "");

    /**
     * @throws InvalidInputException if a number is out of range
     */
    public LlmOptions {
        if (topMarkers < 1) {
            throw new InvalidInputException("Markers per group is " + topMarkers + "; it must be at least 1.");
        }
        if (!(maxAdjustedP > 0 && maxAdjustedP <= 1)) {
            throw new InvalidInputException("Adjusted p-value threshold is " + maxAdjustedP + "; use (0, 1].");
        }
        if (!(minConfidence >= 0 && minConfidence <= 1) || !(siblingConfidence >= 0 && siblingConfidence <= 1)) {
            throw new InvalidInputException("Confidence thresholds must lie in [0, 1].");
        }
        tissue = tissue == null ? "" : tissue.strip();
        species = species == null ? "" : species.strip();
    }

    /** @return these options for another tissue and species */
    public LlmOptions withContext(String t, String s) {
        return new LlmOptions(topMarkers, maxAdjustedP, minConfidence, siblingConfidence, t, s);
    }

    /** @return these options with another number of prompt markers */
    public LlmOptions withTopMarkers(int n) {
        return new LlmOptions(n, maxAdjustedP, minConfidence, siblingConfidence, tissue, species);
    }
}
