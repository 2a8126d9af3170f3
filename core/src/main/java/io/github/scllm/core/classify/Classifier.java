package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.util.List;

/**
 * A classifier fitted on labelled reference vectors (see {@link Classifiers#fit}). Instances are immutable and
 * thread-safe.
 */
public interface Classifier {
    /** Label given to a query whose confidence is below the reject threshold. */
    String UNKNOWN = "Unknown";

    /** @return the reference classes in sorted order; the order of {@link Prediction#probabilities()} */
    List<String> classes();

    /** @return dimension of the vectors the classifier accepts */
    int dimension();

    /**
     * Classifies query vectors.
     *
     * @param queries one finite vector per row, of {@link #dimension()} components
     * @param cancel polled regularly
     * @param progress receives the fraction done
     * @return one prediction per query, same order
     * @throws InvalidInputException if a query row is missing, of another dimension or not finite
     * @throws CancelledException if cancelled
     */
    List<Prediction> predict(float[][] queries, CancellationToken cancel, ProgressListener progress);
}
