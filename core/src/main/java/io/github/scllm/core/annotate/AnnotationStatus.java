package io.github.scllm.core.annotate;

/** The outcome of annotating one group. */
public enum AnnotationStatus {
    /** A term was predicted and no rejection criterion is met. */
    ACCEPTED,
    /** The top candidates were too close or the confidence too low: the term is their lowest common ancestor. */
    ROLLED_UP,
    /** A term was found but the data meets a rejection criterion; the term is reported, not asserted. */
    REJECTED,
    /** No candidate, or the best label is not an ontology term; nothing is asserted. */
    UNRESOLVED
}
