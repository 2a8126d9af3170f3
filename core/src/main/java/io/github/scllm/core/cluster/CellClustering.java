package io.github.scllm.core.cluster;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.Neighbor;

/**
 * Clusters cells from their vectors (e.g. PCA): neighbour graph, edge weights, Leiden. Memory per cell: its vector,
 * k neighbours (16 bytes each) and the graph's edges (12 bytes each, about 2k per cell for UMAP weights, more for
 * shared-neighbour weights).
 */
public final class CellClustering {

    /**
     * What the clustering produced.
     *
     * @param labels cluster per cell: "0" the largest, then "1", ...
     * @param neighbors each cell's neighbours, itself included
     * @param graph the weighted graph Leiden partitioned
     * @param partition the partition and its quality
     */
    public record Result(String[] labels, Neighbor[][] neighbors, WeightedGraph graph, Leiden.Result partition) {
    }

    private CellClustering() {
    }

    /**
     * @param vectors one row per cell, one dimension, finite, at least 2 rows
     * @param options settings
     * @param cancel polled throughout
     * @param progress receives the fraction done
     * @return labels, neighbours, graph and partition
     * @throws InvalidInputException if the vectors are unusable
     * @throws CancelledException if cancelled
     */
    public static Result cluster(float[][] vectors, ClusterOptions options, CancellationToken cancel,
        ProgressListener progress) {
        Neighbor[][] knn = NeighborGraphs.nearest(vectors, options.nNeighbors(), options.metric(),
            options.exactUpTo(), options.threads(), cancel, (f, m) -> progress.progress(0.6 * f, m));
        cancel.check();
        WeightedGraph graph = options.weighting() == ClusterOptions.Weighting.UMAP
            ? NeighborGraphs.umapConnectivities(knn) : NeighborGraphs.sharedNeighbors(knn);
        progress.progress(0.65, "Neighbour graph: " + graph.entries() / 2 + " edges");
        Leiden.Result partition = Leiden.cluster(graph, options.leiden(), cancel,
            (f, m) -> progress.progress(0.65 + 0.35 * f, m));
        String[] labels = new String[vectors.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Integer.toString(partition.membership()[i]);
        }
        return new Result(labels, knn, graph, partition);
    }
}
