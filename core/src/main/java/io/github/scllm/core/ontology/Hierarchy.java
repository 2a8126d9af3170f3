package io.github.scllm.core.ontology;

/** Which edges count as "parent of" in hierarchy queries. */
public enum Hierarchy {
    /** Subclass edges only. */
    IS_A,
    /** Subclass edges and {@code relationship: part_of} edges, the usual choice for rolling labels up. */
    IS_A_AND_PART_OF
}
