package io.github.scllm.core.genes;

/**
 * The result for one distinct input symbol.
 *
 * @param query the symbol as first given in the input (trimmed)
 * @param symbol the official symbol when identified, else the query
 * @param geneId NCBI Gene ID, or null when unknown
 * @param fullName official full name, or null
 * @param summary the description found, or null
 * @param source where the text came from; {@link DescriptionSource#FALLBACK} when no description was found
 * @param status how the query was identified
 * @param note remarks for the user (alias, Ensembl mapping, ortholog, ambiguity), or null
 * @param text what to embed: the summary, or the fallback text (empty for {@link Fallback#SKIP})
 */
public record GeneDescription(String query, String symbol, String geneId, String fullName, String summary,
    DescriptionSource source, LookupStatus status, String note, String text) {
}
