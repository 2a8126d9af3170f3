package io.github.scllm.core.classify;

/** How the k neighbours of a query vote. */
public enum VoteWeighting {
    /** Every neighbour counts once. */
    UNIFORM,
    /**
     * A neighbour counts 1/distance; when some neighbours lie at distance 0, only those vote (as scikit-learn's
     * {@code weights='distance'}).
     */
    DISTANCE,
    /**
     * A neighbour counts 1/(size of its class in the reference): every class has the same total say, so a class of a
     * few reference cells can win against the many neighbours of a large one.
     */
    CLASS_BALANCED,
    /** Both: 1/distance (only the neighbours at distance 0 when there are any) times 1/(size of its class). */
    DISTANCE_CLASS_BALANCED;

    /** @return whether closer neighbours count more */
    public boolean byDistance() {
        return this == DISTANCE || this == DISTANCE_CLASS_BALANCED;
    }

    /** @return whether each neighbour's vote is divided by the size of its class */
    public boolean classBalanced() {
        return this == CLASS_BALANCED || this == DISTANCE_CLASS_BALANCED;
    }
}
