package io.github.scllm.core.annotate;

/** Which method produced an annotation. */
public enum AnnotationMethod {
    /** Overlap with a reference marker table. */
    REFERENCE,
    /** Text-embedding similarity between marker descriptions and term names and definitions. */
    EMBEDDING,
    /** A language model constrained to ontology terms. */
    LLM
}
