package io.github.scllm.core.classify;

import java.util.Arrays;

/**
 * The answer of a {@link Classifier} for one query vector.
 *
 * @param label predicted class, or {@link Classifier#UNKNOWN} when the confidence fell below the reject threshold
 * @param confidence weighted vote share of the winning class, or its probability, in [0, 1]
 * @param probabilities one value per class of {@link Classifier#classes()}, same order, summing to 1
 */
public record Prediction(String label, double confidence, double[] probabilities) {

    /** Copies the probabilities so the record stays immutable. */
    public Prediction {
        probabilities = probabilities.clone();
    }

    /** @return a copy of the per-class probabilities */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** @return the probability of class {@code classIndex} without copying the array */
    public double probability(int classIndex) {
        return probabilities[classIndex];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && p.label.equals(label) && Double.compare(p.confidence, confidence) == 0
                && Arrays.equals(p.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * label.hashCode() + Double.hashCode(confidence)) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Prediction[" + label + ", " + confidence + ", " + Arrays.toString(probabilities) + "]";
    }
}
