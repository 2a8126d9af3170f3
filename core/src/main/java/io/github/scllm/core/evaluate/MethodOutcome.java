package io.github.scllm.core.evaluate;

import java.util.List;

/**
 * What one method predicted for the test (query) cells of a split.
 *
 * @param method the method
 * @param predicted predicted label per test cell, in the order of the split's test indices
 * @param confidence the classifier's confidence per test cell, in [0, 1]
 * @param testVectors the vectors the classifier saw for each test cell (refined embedding, PCA components or cell
 *        embedding), or {@code null} for the logistic regression, which works on the expression itself
 * @param vectorSpace a short name of those vectors, e.g. {@code supcon-128}, or {@code null}
 * @param notes remarks for the user (e.g. cells without any described gene, singleton classes), possibly empty
 */
public record MethodOutcome(Method method, String[] predicted, double[] confidence, float[][] testVectors,
        String vectorSpace, List<String> notes) {

    public MethodOutcome {
        notes = List.copyOf(notes);
    }
}
