package io.github.scllm.core.classify;

/** The classifier families of the annotation step. */
public enum ClassifierKind {
    /** k-nearest neighbours with a weighted vote (the method's default). */
    KNN,
    /** Cosine similarity to class means of L2-normalised vectors: best with very few labelled cells. */
    NEAREST_CENTROID,
    /** Multinomial logistic regression with an L2 penalty on standardised inputs. */
    LOGISTIC_REGRESSION
}
