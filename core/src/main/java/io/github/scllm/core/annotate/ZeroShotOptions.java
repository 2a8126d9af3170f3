package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;

import java.util.Set;

/**
 * Options of {@link ZeroShotScorer}.
 *
 * @param root candidates are this term and its descendants (over is_a and part_of), e.g. {@code CL:0000000} (cell)
 * @param restrictTo if not empty, only these terms and their descendants (within the root) are candidates
 * @param topMarkers how many of a group's best grounded markers with a description form its embedding, at least 1
 * @param weight what weighs each marker's description embedding
 * @param maxAdjustedP a marker with statistics counts only with an adjusted p-value at most this, in (0, 1]
 * @param temperature softmax temperature over the candidates' cosine similarities that turns them into the
 *        confidence; positive
 * @param minConfidence below this confidence the call rolls up to the lowest common ancestor of the top two terms,
 *        in [0, 1]
 * @param siblingMargin the top two roll up when they are siblings and their cosine similarities differ by at most
 *        this, in [0, 2]
 */
public record ZeroShotOptions(String root, Set<String> restrictTo, int topMarkers, MarkerWeight weight,
    double maxAdjustedP, double temperature, double minConfidence, double siblingMargin) {

    /**
     * Cell Ontology's "animal cell", the default root of candidates: below it lie the cells of humans and mice, beside
     * it fungal and other non-animal cells.
     */
    public static final String ANIMAL_CELL_ROOT = "CL:0000548";

    /** Root "animal cell", 20 markers weighted by score, p at most 0.05, temperature 0.02, roll-up below 0.2 or 0.01. */
    public static final ZeroShotOptions DEFAULTS = new ZeroShotOptions(ANIMAL_CELL_ROOT, Set.of(), 20, MarkerWeight.SCORE,
        0.05, 0.02, 0.2, 0.01);

    /**
     * @throws InvalidInputException if the root is blank or a number is out of range
     */
    public ZeroShotOptions {
        if (root == null || root.isBlank()) {
            throw new InvalidInputException("No root term for the candidates: give e.g. " + ANIMAL_CELL_ROOT + ".");
        }
        root = root.strip();
        restrictTo = restrictTo == null ? Set.of() : Set.copyOf(restrictTo);
        if (topMarkers < 1) {
            throw new InvalidInputException("Markers per group is " + topMarkers + "; it must be at least 1.");
        }
        if (weight == null) {
            weight = MarkerWeight.SCORE;
        }
        if (!(maxAdjustedP > 0 && maxAdjustedP <= 1)) {
            throw new InvalidInputException("Adjusted p-value threshold is " + maxAdjustedP + "; use (0, 1].");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidInputException("Softmax temperature is " + temperature + "; use a positive number such "
                + "as 0.02.");
        }
        if (!(minConfidence >= 0 && minConfidence <= 1) || !(siblingMargin >= 0 && siblingMargin <= 2)) {
            throw new InvalidInputException("Confidence threshold must lie in [0, 1] and the sibling margin in "
                + "[0, 2].");
        }
    }

    public ZeroShotOptions withTopMarkers(int n) {
        return new ZeroShotOptions(root, restrictTo, n, weight, maxAdjustedP, temperature, minConfidence,
            siblingMargin);
    }

    public ZeroShotOptions withWeight(MarkerWeight w) {
        return new ZeroShotOptions(root, restrictTo, topMarkers, w, maxAdjustedP, temperature, minConfidence,
            siblingMargin);
    }

    public ZeroShotOptions withRestrictTo(Set<String> terms) {
        return new ZeroShotOptions(root, terms, topMarkers, weight, maxAdjustedP, temperature, minConfidence,
            siblingMargin);
    }

    public ZeroShotOptions withMinConfidence(double c) {
        return new ZeroShotOptions(root, restrictTo, topMarkers, weight, maxAdjustedP, temperature, c, siblingMargin);
    }
}
