package io.github.scllm.core.classify;

/** How {@link AnnotationMetrics} treats rejected predictions ({@link Classifier#UNKNOWN}). */
public enum UnknownPolicy {
    /** Rejected cells are left out of every metric; coverage tells how many were kept. */
    EXCLUDE,
    /** Rejected cells stay in and count as wrong (an extra predicted column of the confusion matrix). */
    COUNT_AS_WRONG
}
