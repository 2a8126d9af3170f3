/**
 * Neighbour graphs and clustering of cells: k nearest neighbours of vectors (exact up to a size, HNSW beyond),
 * edge weights as UMAP's fuzzy connectivities (scanpy) or shared-neighbour Jaccard indices (Seurat), and Leiden
 * community detection (Traag, Waltman and van Eck 2019) for modularity or the constant Potts model.
 *
 * <p>{@link io.github.scllm.core.cluster.NeighborGraphs} builds the graph, {@link io.github.scllm.core.cluster.Leiden}
 * partitions it, {@link io.github.scllm.core.cluster.CellClustering} chains both with the options of the Cluster
 * Cells node.
 */
package io.github.scllm.core.cluster;
