package io.github.scllm.core.classify;

/** How far two vectors are apart. */
public enum DistanceMetric {
    /** 1 - cosine similarity; vectors are L2-normalised once, a zero vector stays zero (distance 1 to all). */
    COSINE,
    /** Straight-line distance. */
    EUCLIDEAN
}
