package io.github.scllm.core.annotate;

import io.github.scllm.core.genes.MarkerGene;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks claimed marker genes against one group's own statistics: a gene is grounded when it is among the group's
 * markers with a positive log fold change and an adjusted p-value at most the threshold. Markers without statistics
 * (NaN, e.g. a plain gene list) count as grounded when listed. Symbols compare case-insensitively.
 */
public final class Grounding {
    private final Map<String, MarkerGene> bySymbol = new HashMap<>();
    private final double maxAdjustedP;

    /**
     * @param groupMarkers the group's markers, best first
     * @param maxAdjustedP the significance threshold, in (0, 1]
     */
    public Grounding(List<MarkerGene> groupMarkers, double maxAdjustedP) {
        for (MarkerGene m : groupMarkers) {
            bySymbol.putIfAbsent(key(m.symbol()), m);
        }
        this.maxAdjustedP = maxAdjustedP;
    }

    static String key(String symbol) {
        return symbol.trim().toUpperCase(Locale.ROOT);
    }

    /** @return whether the gene is listed among the group's markers at all */
    public boolean listed(String gene) {
        return bySymbol.containsKey(key(gene));
    }

    /** @return whether the data supports the gene as a marker of the group */
    public boolean grounded(String gene) {
        MarkerGene m = bySymbol.get(key(gene));
        if (m == null) {
            return false;
        }
        if (Double.isNaN(m.logFoldChange()) && Double.isNaN(m.adjustedPValue())) {
            return true;
        }
        return m.logFoldChange() > 0 && m.adjustedPValue() <= maxAdjustedP;
    }

    /** @return the evidence record of a claimed gene */
    public EvidenceMarker check(String gene) {
        MarkerGene m = bySymbol.get(key(gene));
        return m == null ? new EvidenceMarker(gene, 0, Double.NaN, Double.NaN, false)
            : new EvidenceMarker(m.symbol(), m.rank(), m.logFoldChange(), m.adjustedPValue(), grounded(gene));
    }
}
