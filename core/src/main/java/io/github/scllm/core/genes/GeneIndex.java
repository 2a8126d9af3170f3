package io.github.scllm.core.genes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Case-insensitive index of gene records by official symbol, synonym and Ensembl ID, shared by the file sources. */
final class GeneIndex {

    /** One gene of a file. */
    record Entry(String symbol, String geneId, String fullName, String summary, String note) {
    }

    private final String sourceName;
    private final Map<String, List<Entry>> bySymbol = new HashMap<>();
    private final Map<String, List<Entry>> bySynonym = new HashMap<>();
    private final Map<String, List<Entry>> byEnsembl = new HashMap<>();

    GeneIndex(String sourceName) {
        this.sourceName = sourceName;
    }

    void add(Entry e, List<String> synonyms, List<String> ensemblIds) {
        bySymbol.computeIfAbsent(Organism.key(e.symbol()), k -> new ArrayList<>(1)).add(e);
        for (String s : synonyms) {
            List<Entry> l = bySynonym.computeIfAbsent(Organism.key(s), k -> new ArrayList<>(1));
            if (!l.contains(e)) {
                l.add(e);
            }
        }
        for (String id : ensemblIds) {
            byEnsembl.computeIfAbsent(Organism.ensemblKey(id), k -> new ArrayList<>(1)).add(e);
        }
    }

    int size() {
        return bySymbol.size();
    }

    /** @return the keys ({@link Organism#key}) of the official symbols held */
    Set<String> symbolKeys() {
        return Collections.unmodifiableSet(bySymbol.keySet());
    }

    GeneHit resolve(String key) {
        List<Entry> s = bySymbol.get(key);
        if (s != null) {
            return s.size() == 1 ? hit(s.get(0), LookupStatus.FOUND, null) : ambiguous(key, "symbol", s);
        }
        if (Organism.isEnsemblGeneId(key)) {
            List<Entry> e = byEnsembl.get(Organism.ensemblKey(key));
            if (e == null) {
                return GeneHit.notFound("Ensembl ID " + key + " is not mapped in " + sourceName);
            }
            return e.size() == 1 ? hit(e.get(0), LookupStatus.FOUND, "Ensembl ID " + key + " is " + e.get(0).symbol())
                : ambiguous(key, "Ensembl ID", e);
        }
        List<Entry> a = bySynonym.get(key);
        if (a != null) {
            return a.size() == 1 ? hit(a.get(0), LookupStatus.ALIAS, key + " is an alias of " + a.get(0).symbol())
                : ambiguous(key, "alias", a);
        }
        return null;
    }

    private static GeneHit hit(Entry e, LookupStatus status, String note) {
        String n = note == null ? e.note() : e.note() == null ? note : note + "; " + e.note();
        return new GeneHit(e.symbol(), e.geneId(), e.fullName(), e.summary(), status, n);
    }

    private GeneHit ambiguous(String key, String as, List<Entry> l) {
        String genes = l.stream().map(e -> e.symbol() + (e.geneId() == null ? "" : " (" + e.geneId() + ")"))
            .collect(Collectors.joining(", "));
        return new GeneHit(null, null, null, null, LookupStatus.AMBIGUOUS,
            key + " is the " + as + " of several genes in " + sourceName + ": " + genes);
    }
}
