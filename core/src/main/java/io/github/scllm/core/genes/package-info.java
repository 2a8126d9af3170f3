/**
 * Genes of a cell and text about genes: the two stages between reading a matrix and embedding it.
 *
 * <p><b>Top genes.</b> {@link io.github.scllm.core.genes.TopGenesSelector} picks, per cell, the most expressed genes
 * (the method uses the top 20, zero counts dropped) after an optional normalisation, exclusion of genes by pattern
 * and restriction to highly variable genes ({@link io.github.scllm.core.genes.HighlyVariableGenes}, a streamed first
 * pass). Options live in {@link io.github.scllm.core.genes.TopGenesOptions}.
 *
 * <p><b>Gene descriptions.</b> {@link io.github.scllm.core.genes.GeneDescriptionLookup} turns gene symbols into one
 * {@link io.github.scllm.core.genes.GeneDescription} per distinct symbol, asking {@link
 * io.github.scllm.core.genes.GeneSource}s in order: local NCBI {@code gene_info} files ({@link
 * io.github.scllm.core.genes.GeneInfoSource}), symbol-to-summary tables ({@link
 * io.github.scllm.core.genes.SummaryTableSource}), a human-mouse ortholog table ({@link
 * io.github.scllm.core.genes.OrthologSource}) and NCBI E-utilities ({@link io.github.scllm.core.genes.NcbiGeneSource}
 * over {@link io.github.scllm.core.genes.NcbiClient}), with answers of network sources kept in a persistent cache
 * ({@link io.github.scllm.core.genes.DescriptionCache} over the generic {@link
 * io.github.scllm.core.genes.KeyValueStore}). A gene no source knows is never dropped: it is reported with status
 * {@code NOT_FOUND} and the chosen {@link io.github.scllm.core.genes.Fallback} text.
 */
package io.github.scllm.core.genes;
