package io.github.scllm.core.genes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The marker genes of every tested group, best first within each group, groups in grouping order.
 *
 * @param options the options used
 * @param groups the grouping tested
 * @param markers the reported genes of all tested groups
 * @param skipped groups that were not tested, with the reason
 */
public record MarkerResult(MarkerOptions options, MarkerGroups groups, List<MarkerGene> markers,
    Map<String, String> skipped) {

    public MarkerResult {
        markers = List.copyOf(markers);
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /**
     * @param group a group name
     * @return that group's reported genes, best first; empty when the group is unknown or was skipped
     */
    public List<MarkerGene> markersOf(String group) {
        List<MarkerGene> out = new ArrayList<>();
        for (MarkerGene m : markers) {
            if (m.group().equals(group)) {
                out.add(m);
            }
        }
        return out;
    }

    /** @return the names of the groups that were tested, in grouping order */
    public List<String> testedGroups() {
        List<String> out = new ArrayList<>();
        for (String g : groups.names()) {
            if (!skipped.containsKey(g)) {
                out.add(g);
            }
        }
        return out;
    }
}
