package io.github.scllm.core.cluster;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.classify.DistanceMetric;

/**
 * Settings of {@link CellClustering}.
 *
 * @param nNeighbors neighbours per cell, itself included (scanpy's n_neighbors), at least 2
 * @param metric distance between vectors
 * @param weighting edge weights of the neighbour graph
 * @param exactUpTo exact neighbour search up to this many cells, HNSW above
 * @param leiden the community detection settings
 * @param threads worker threads of the neighbour search, at least 1
 */
public record ClusterOptions(int nNeighbors, DistanceMetric metric, Weighting weighting, int exactUpTo,
    Leiden.Options leiden, int threads) {

    /** Edge weights of the neighbour graph. */
    public enum Weighting {
        /** UMAP's fuzzy connectivities, as scanpy's pp.neighbors. */
        UMAP,
        /** Shared-nearest-neighbour Jaccard index, as Seurat's FindNeighbors. */
        SNN
    }

    /** 15 neighbours, Euclidean, UMAP connectivities, exact up to 100,000 cells, Leiden defaults, all processors. */
    public static final ClusterOptions DEFAULTS = new ClusterOptions(15, DistanceMetric.EUCLIDEAN, Weighting.UMAP,
        100_000, Leiden.Options.DEFAULTS, Runtime.getRuntime().availableProcessors());

    /** @throws InvalidInputException if a value is out of range */
    public ClusterOptions {
        if (nNeighbors < 2) {
            throw new InvalidInputException("Cluster Cells: the number of neighbours must be at least 2, got "
                + nNeighbors + ".");
        }
        if (metric == null || weighting == null || leiden == null) {
            throw new InvalidInputException("Cluster Cells: choose a metric, an edge weighting and Leiden settings.");
        }
        if (exactUpTo < 0 || threads < 1) {
            throw new InvalidInputException("Cluster Cells: the exact-search limit must not be negative and threads "
                + "must be at least 1.");
        }
    }

    /** @return a copy with other Leiden settings */
    public ClusterOptions withLeiden(Leiden.Options l) {
        return new ClusterOptions(nNeighbors, metric, weighting, exactUpTo, l, threads);
    }

    /** @return a copy with another neighbour count */
    public ClusterOptions withNeighbors(int k) {
        return new ClusterOptions(k, metric, weighting, exactUpTo, leiden, threads);
    }

    /** @return a copy with another edge weighting */
    public ClusterOptions withWeighting(Weighting w) {
        return new ClusterOptions(nNeighbors, metric, w, exactUpTo, leiden, threads);
    }

    /** @return a copy with another exact-search limit */
    public ClusterOptions withExactUpTo(int cells) {
        return new ClusterOptions(nNeighbors, metric, weighting, cells, leiden, threads);
    }

    /** @return a copy with another thread count */
    public ClusterOptions withThreads(int t) {
        return new ClusterOptions(nNeighbors, metric, weighting, exactUpTo, leiden, t);
    }
}
