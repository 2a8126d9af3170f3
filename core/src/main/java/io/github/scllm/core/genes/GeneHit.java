package io.github.scllm.core.genes;

/**
 * What one {@link GeneSource} knows about one asked symbol. Fields a source does not know are null.
 *
 * @param symbol the gene's official symbol as the source spells it (may differ from the asked one for aliases,
 *        Ensembl IDs and replaced records), or null when not identified
 * @param geneId NCBI Gene ID, or null
 * @param fullName official full name, or null
 * @param summary description text, or null when the source has none
 * @param status how the asked symbol was identified
 * @param note a short human-readable remark (e.g. "alias of CD3E"), or null
 */
public record GeneHit(String symbol, String geneId, String fullName, String summary, LookupStatus status, String note) {

    /** @return a hit saying the source does not know the symbol */
    public static GeneHit notFound(String note) {
        return new GeneHit(null, null, null, null, LookupStatus.NOT_FOUND, note);
    }

    /** @return whether this hit carries a non-blank summary */
    public boolean hasSummary() {
        return summary != null && !summary.isBlank();
    }
}
