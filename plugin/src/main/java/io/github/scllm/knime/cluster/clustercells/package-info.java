/** The Cluster Cells node: neighbour graph and Leiden clusters of a vector column. */
package io.github.scllm.knime.cluster.clustercells;
