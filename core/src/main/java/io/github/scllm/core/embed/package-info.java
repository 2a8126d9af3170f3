/**
 * Text embeddings: providers that turn gene descriptions (or gene sentences) into vectors, the persistent
 * embedding cache, and the cell embedding (expression-weighted mean of a cell's gene embeddings, GenePT-w).
 */
package io.github.scllm.core.embed;
