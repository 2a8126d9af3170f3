/**
 * The Top Genes node: each cell's most expressed genes (symbols, weights and optionally a gene sentence), appended to
 * the cell table of Read scRNA. The selection itself is {@link io.github.scllm.core.genes.TopGenesSelector}; this
 * package only adapts KNIME rows, settings, progress and cancellation to it.
 */
package io.github.scllm.knime.genes.topgenes;
