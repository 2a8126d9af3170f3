package io.github.scllm.core.classify;

/** Which class wins when several share the highest vote. */
public enum TieBreak {
    /** The first class in sorted label order (what scikit-learn's argmax does). */
    LABEL_ORDER,
    /** The class of the nearest neighbour among the tied classes. */
    NEAREST_NEIGHBOR
}
