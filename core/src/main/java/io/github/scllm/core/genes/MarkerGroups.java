package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which group (cluster or label) each cell belongs to. Cells without a group take part in no test, neither as group
 * nor as rest.
 */
public final class MarkerGroups {
    private final String[] names;
    private final int[] codes;
    private final int[] sizes;
    private final int assigned;

    /**
     * @param names the group names, distinct and non-null
     * @param codes per cell, the index into {@code names}, or -1 for a cell without a group; copied
     * @throws InvalidInputException if a name repeats or a code is out of range
     */
    public MarkerGroups(String[] names, int[] codes) {
        this.names = names.clone();
        this.codes = codes.clone();
        if (Arrays.stream(names).distinct().count() != names.length || Arrays.asList(names).contains(null)) {
            throw new InvalidInputException("Group names must be distinct and present: " + Arrays.toString(names));
        }
        sizes = new int[names.length];
        int n = 0;
        for (int c = 0; c < codes.length; c++) {
            int g = codes[c];
            if (g < -1 || g >= names.length) {
                throw new InvalidInputException("Cell " + c + " has group code " + g + ", outside the " + names.length
                    + " groups.");
            }
            if (g >= 0) {
                sizes[g]++;
                n++;
            }
        }
        assigned = n;
    }

    /**
     * Groups cells by a label per cell. Group order: numeric when every label is an integer (cluster numbers 0, 1,
     * 2, ..., 10), else alphabetical.
     *
     * @param labels one label per cell; null or blank for a cell without a group
     * @return the grouping
     */
    public static MarkerGroups fromLabels(String[] labels) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String l : labels) {
            if (l != null && !l.isBlank()) {
                seen.putIfAbsent(l, seen.size());
            }
        }
        List<String> sorted = new ArrayList<>(seen.keySet());
        boolean numeric = sorted.stream().allMatch(s -> s.matches("-?\\d{1,18}"));
        sorted.sort(numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String s : sorted) {
            index.put(s, index.size());
        }
        int[] codes = new int[labels.length];
        for (int c = 0; c < labels.length; c++) {
            String l = labels[c];
            codes[c] = l == null || l.isBlank() ? -1 : index.get(l);
        }
        return new MarkerGroups(sorted.toArray(String[]::new), codes);
    }

    /** @return the number of cells (with or without a group) */
    public int cellCount() {
        return codes.length;
    }

    /** @return the number of cells that have a group */
    public int assignedCount() {
        return assigned;
    }

    /** @return the number of groups */
    public int groupCount() {
        return names.length;
    }

    /** @return the name of group {@code g} */
    public String name(int g) {
        return names[g];
    }

    /** @return a copy of the group names */
    public String[] names() {
        return names.clone();
    }

    /** @return the number of cells of group {@code g} */
    public int size(int g) {
        return sizes[g];
    }

    /** @return the group of cell {@code cell}, or -1 */
    public int groupOf(int cell) {
        return codes[cell];
    }
}
