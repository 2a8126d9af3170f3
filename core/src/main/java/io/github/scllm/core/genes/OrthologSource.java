package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills genes of one species with the descriptions of their orthologs in the other, through a human-mouse ortholog
 * table (two columns, human symbol then mouse symbol, no header, as Ensembl's BioMart exports it) and a source of the
 * other species. Hits are reported with source {@link DescriptionSource#ORTHOLOG} and a note naming the ortholog;
 * when a gene has several orthologs, the first in table order that has a description is used.
 */
public final class OrthologSource implements GeneSource {
    private final Map<String, List<String>> orthologs;
    private final GeneSource otherSpecies;
    private final String name;

    private OrthologSource(Map<String, List<String>> orthologs, GeneSource otherSpecies, String name) {
        this.orthologs = orthologs;
        this.otherSpecies = otherSpecies;
        this.name = name;
    }

    /**
     * @param table the ortholog table
     * @param queriesAreMouse true to describe mouse genes with human texts, false for the reverse
     * @param otherSpecies where the orthologs' descriptions are looked up
     * @return the source
     * @throws InvalidInputException if the table is missing, unreadable or has no pair
     */
    public static OrthologSource load(Path table, boolean queriesAreMouse, GeneSource otherSpecies) {
        Map<String, List<String>> map = new HashMap<>();
        char sep = table.getFileName().toString().toLowerCase().contains(".csv") ? ',' : '\t';
        long line = 0;
        try (BufferedReader r = TextTables.open(table, "Ortholog table")) {
            for (List<String> f = TextTables.next(r, sep); f != null; f = TextTables.next(r, sep)) {
                line++;
                String human = TextTables.value(f, 0);
                String mouse = TextTables.value(f, 1);
                if (human == null || mouse == null) {
                    continue;
                }
                String from = queriesAreMouse ? mouse : human;
                String to = queriesAreMouse ? human : mouse;
                List<String> l = map.computeIfAbsent(Organism.key(from), k -> new ArrayList<>(1));
                String toKey = Organism.key(to);
                if (!l.contains(toKey)) {
                    l.add(toKey);
                }
            }
        } catch (IOException e) {
            throw TextTables.readFailure(table, line, e);
        }
        if (map.isEmpty()) {
            throw new InvalidInputException("Ortholog table " + table
                + " has no pair; it needs two columns, human symbol and mouse symbol.");
        }
        return new OrthologSource(map, otherSpecies, "ortholog:" + table.getFileName() + ">" + otherSpecies.name());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DescriptionSource kind() {
        return DescriptionSource.ORTHOLOG;
    }

    @Override
    public boolean cacheable() {
        return otherSpecies.cacheable();
    }

    @Override
    public Map<String, GeneHit> find(Collection<String> symbols, CancellationToken cancel) {
        Set<String> asked = new LinkedHashSet<>();
        for (String s : symbols) {
            asked.addAll(orthologs.getOrDefault(s, List.of()));
        }
        Map<String, GeneHit> other = asked.isEmpty() ? Map.of() : otherSpecies.find(asked, cancel);
        Map<String, GeneHit> out = new HashMap<>();
        for (String s : symbols) {
            for (String o : orthologs.getOrDefault(s, List.of())) {
                GeneHit h = other.get(o);
                if (h != null && h.hasSummary()) {
                    String sym = h.symbol() == null ? o : h.symbol();
                    out.put(s, new GeneHit(null, null, null, h.summary(), LookupStatus.FOUND,
                        "text of the ortholog " + sym + (h.geneId() == null ? "" : " (Gene ID " + h.geneId() + ")")));
                    break;
                }
            }
        }
        return out;
    }
}
