package io.github.scllm.core.genes;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link GeneDescriptionLookup}: one record per distinct input symbol, in order of first appearance,
 * and the counts a node message or a JSON report needs.
 *
 * @param genes one description per distinct symbol, none dropped
 * @param inputCount number of input values, blanks and duplicates included
 * @param blankCount input values that were empty or whitespace (not genes; not in {@code genes})
 * @param duplicateCount input values that repeated an earlier symbol (case-insensitively)
 * @param byStatus number of genes per status (every status present, possibly 0)
 * @param bySource number of genes per text source (every source present, possibly 0)
 * @param cacheHits answers taken from the persistent cache during this lookup
 * @param aliasesRefused genes whose symbol a source listed as another gene's alias, not taken because the symbol is
 *        official (see {@link LookupStatus#ALIAS} in {@code byStatus} for the aliases resolved)
 */
public record LookupResult(List<GeneDescription> genes, int inputCount, int blankCount, int duplicateCount,
    Map<LookupStatus, Integer> byStatus, Map<DescriptionSource, Integer> bySource, long cacheHits,
    int aliasesRefused) {

    /** @return the number of genes whose text is a real description (not a fallback) */
    public int described() {
        return (int) genes.stream().filter(g -> g.summary() != null).count();
    }
}
