package io.github.scllm.core.genes;

/** Where the text of a {@link GeneDescription} came from. */
public enum DescriptionSource {
    /** NCBI E-utilities, asked during this lookup. */
    NCBI,
    /** A local file: gene_info or a summary table. */
    FILE,
    /** The summary of the gene's ortholog in the other species (human/mouse). */
    ORTHOLOG,
    /** The persistent cache of an earlier network lookup. */
    CACHE,
    /** No description was found; the text is the chosen {@link Fallback} (empty for {@link Fallback#SKIP}). */
    FALLBACK
}
