package io.github.scllm.core.classify;

/** How the k neighbours of a query vote. */
public enum VoteWeighting {
    /** Every neighbour counts once. */
    UNIFORM,
    /**
     * A neighbour counts 1/distance; when some neighbours lie at distance 0, only those vote (as scikit-learn's
     * {@code weights='distance'}).
     */
    DISTANCE
}
