/** The UMAP node: 2-D coordinates of a vector column, optionally along Cluster Cells' neighbour graph. */
package io.github.scllm.knime.report.umap;
