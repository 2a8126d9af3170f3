/** Clustering nodes and the neighbour-graph table they share. */
package io.github.scllm.knime.cluster;
