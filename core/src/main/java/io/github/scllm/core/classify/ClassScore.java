package io.github.scllm.core.classify;

/**
 * Precision, recall and F1 of one class (0 where undefined, as scikit-learn's default), and its support.
 *
 * @param label class
 * @param precision true positives / predicted positives
 * @param recall true positives / actual positives
 * @param f1 harmonic mean of precision and recall
 * @param support number of scored cells whose true label is this class
 */
public record ClassScore(String label, double precision, double recall, double f1, int support) {
}
