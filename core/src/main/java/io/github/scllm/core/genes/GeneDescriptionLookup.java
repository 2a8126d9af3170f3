package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns gene symbols into descriptions to embed. Symbols are matched case-insensitively (the method upper-cases
 * them); each distinct symbol yields exactly one {@link GeneDescription}, whatever the sources know.
 *
 * <p>Sources are asked in the given order, each only for the genes still lacking a description. A source that
 * identifies a gene without describing it (a gene_info file; an alias or Ensembl ID resolved to an official symbol)
 * passes the official symbol on to the sources after it. Answers of {@linkplain GeneSource#cacheable() cacheable}
 * sources go through the {@link DescriptionCache} when one is given: cached symbols are never asked again.
 *
 * <p>An official symbol names its own gene and is never resolved as another gene's alias. The official symbols are
 * those of the gene_info files among the sources, else the list shipped for the organism ({@link OfficialSymbols}),
 * together with the symbols of every local table (each names a gene of its own).
 */
public final class GeneDescriptionLookup {
    private final int taxon;
    private final List<GeneSource> sources;
    private final Fallback fallback;
    private final DescriptionCache cache;
    private final Set<String> tableSymbols = new HashSet<>();
    private final OfficialSymbols organismSymbols;
    private final String officialOrigin;

    /**
     * @param taxon NCBI taxonomy ID of the organism (see {@link Organism#taxon(String)}); part of the cache key
     * @param sources sources in the order they are asked; at least one
     * @param fallback text for genes without a description
     * @param cache persistent cache for network sources, or null for none
     * @throws InvalidInputException if no source is given, the taxon is not positive or the fallback is null
     */
    public GeneDescriptionLookup(int taxon, List<GeneSource> sources, Fallback fallback, DescriptionCache cache) {
        if (taxon < 1) {
            throw new InvalidInputException("Taxonomy ID " + taxon + " is invalid; use e.g. 9606 (human) or 10090 (mouse).");
        }
        if (sources == null || sources.isEmpty()) {
            throw new InvalidInputException("Gene description lookup needs at least one source: a local file or NCBI.");
        }
        if (fallback == null) {
            throw new InvalidInputException("Choose a fallback for genes without a description: skip, symbol and name, "
                + "or the fixed sentence.");
        }
        this.taxon = taxon;
        this.sources = List.copyOf(sources);
        this.fallback = fallback;
        this.cache = cache;
        List<String> geneInfoFiles = new ArrayList<>();
        for (GeneSource s : this.sources) {
            if (s instanceof IndexedFileSource f) {
                tableSymbols.addAll(f.symbolKeys());
                if (f instanceof GeneInfoSource) {
                    geneInfoFiles.add(f.name());
                }
            }
        }
        this.organismSymbols = geneInfoFiles.isEmpty() ? OfficialSymbols.shipped(taxon).orElse(null) : null;
        this.officialOrigin = !geneInfoFiles.isEmpty() ? String.join(", ", geneInfoFiles)
            : organismSymbols != null ? organismSymbols.origin() : "the symbol columns of the local files";
    }

    private boolean isOfficial(String key) {
        return tableSymbols.contains(key) || organismSymbols != null && organismSymbols.contains(key);
    }

    /** Working state of one distinct symbol. */
    private static final class State {
        final String query;
        final String key;
        String ask;
        GeneHit identity;
        GeneHit described;
        DescriptionSource source;
        boolean ambiguous;
        boolean aliasRefused;
        final Set<String> notes = new LinkedHashSet<>();

        State(String query, String key) {
            this.query = query;
            this.key = key;
            this.ask = key;
        }
    }

    /**
     * Looks up symbols.
     *
     * @param symbols input values: symbols or Ensembl gene IDs, in any case; blanks and nulls are counted and
     *        skipped, duplicates counted and reported once
     * @param cancel polled between sources and by the sources
     * @param progress told after each source
     * @return one description per distinct symbol, in order of first appearance, with counts
     * @throws io.github.scllm.core.EngineException if a source fails
     * @throws io.github.scllm.core.CancelledException if cancelled
     */
    public LookupResult lookup(List<String> symbols, CancellationToken cancel, ProgressListener progress) {
        Map<String, State> states = new LinkedHashMap<>();
        int blanks = 0;
        int duplicates = 0;
        for (String s : symbols) {
            if (s == null || s.isBlank()) {
                blanks++;
                continue;
            }
            String q = s.trim();
            String key = Organism.key(q);
            if (states.containsKey(key)) {
                duplicates++;
            } else {
                states.put(key, new State(q, key));
            }
        }
        long cacheHits = 0;
        for (int i = 0; i < sources.size(); i++) {
            cancel.check();
            GeneSource source = sources.get(i);
            Map<String, List<State>> pending = new LinkedHashMap<>();
            for (State st : states.values()) {
                if (st.described == null) {
                    pending.computeIfAbsent(st.ask, k -> new ArrayList<>(1)).add(st);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            boolean cached = cache != null && source.cacheable();
            Map<String, GeneHit> fromCache = new HashMap<>();
            List<String> toAsk = new ArrayList<>();
            for (String ask : pending.keySet()) {
                GeneHit h = cached ? cache.get(taxon, ask, source.name()) : null;
                if (h != null) {
                    fromCache.put(ask, h);
                } else {
                    toAsk.add(ask);
                }
            }
            cacheHits += fromCache.size();
            // each part of the answer is cached as soon as it is complete, so a failure later keeps it; only what
            // the source answered is stored, never a "not found" for a symbol it did not answer
            Map<String, GeneHit> fresh = toAsk.isEmpty() ? Map.of()
                : cached ? source.find(toAsk, cancel, part -> cache.putAll(taxon, source.name(), part))
                : source.find(toAsk, cancel);
            for (Map.Entry<String, List<State>> e : pending.entrySet()) {
                GeneHit fromC = fromCache.get(e.getKey());
                GeneHit h = fromC != null ? fromC : fresh.get(e.getKey());
                if (h != null) {
                    for (State st : e.getValue()) {
                        apply(st, h, fromC != null ? DescriptionSource.CACHE : source.kind(), source.name());
                    }
                }
            }
            progress.progress((i + 1.0) / sources.size(), "Looked up " + states.size() + " genes in " + source.name());
        }
        return result(states, symbols.size(), blanks, duplicates, cacheHits);
    }

    private void apply(State st, GeneHit h, DescriptionSource kind, String sourceName) {
        if (h.status() == LookupStatus.ALIAS && isOfficial(st.ask)) {
            st.aliasRefused = true;
            st.notes.add(st.ask + " is an official symbol (" + officialOrigin + "), so " + sourceName + " listing it as "
                + "an alias of " + h.symbol() + " was not used");
            return;
        }
        switch (h.status()) {
            case NOT_FOUND:
                if (h.note() != null && st.identity == null) {
                    st.notes.add(h.note());
                }
                return;
            case AMBIGUOUS:
                if (st.identity == null) {
                    st.ambiguous = true;
                    if (h.note() != null) {
                        st.notes.add(h.note());
                    }
                }
                return;
            default:
                break;
        }
        if (st.identity == null && (h.symbol() != null || h.geneId() != null)) {
            st.identity = h;
            if (h.symbol() != null) {
                st.ask = Organism.key(h.symbol());
            }
        }
        if (h.note() != null) {
            st.notes.add(h.note());
        }
        if (h.hasSummary()) {
            st.described = h;
            st.source = kind;
            if (kind == DescriptionSource.CACHE) {
                st.notes.add("cached answer of " + sourceName);
            }
        }
    }

    private LookupResult result(Map<String, State> states, int inputs, int blanks, int duplicates, long cacheHits) {
        List<GeneDescription> out = new ArrayList<>(states.size());
        Map<LookupStatus, Integer> byStatus = new EnumMap<>(LookupStatus.class);
        Map<DescriptionSource, Integer> bySource = new EnumMap<>(DescriptionSource.class);
        int aliasesRefused = 0;
        for (LookupStatus s : LookupStatus.values()) {
            byStatus.put(s, 0);
        }
        for (DescriptionSource s : DescriptionSource.values()) {
            bySource.put(s, 0);
        }
        for (State st : states.values()) {
            GeneHit id = st.identity;
            GeneHit d = st.described;
            LookupStatus status = id != null ? id.status()
                : d != null ? LookupStatus.FOUND : st.ambiguous ? LookupStatus.AMBIGUOUS : LookupStatus.NOT_FOUND;
            String symbol = id != null && id.symbol() != null ? id.symbol()
                : d != null && d.symbol() != null ? d.symbol() : st.query;
            String geneId = id != null && id.geneId() != null ? id.geneId() : d != null ? d.geneId() : null;
            String fullName = id != null && id.fullName() != null ? id.fullName() : d != null ? d.fullName() : null;
            if (status == LookupStatus.NOT_FOUND && Organism.isEnsemblGeneId(st.query) && id == null) {
                st.notes.add("Ensembl ID that no source mapped to a symbol; add the organism's NCBI gene_info file "
                    + "as a source to map Ensembl IDs");
            }
            String summary = d == null ? null : d.summary();
            DescriptionSource source = d == null ? DescriptionSource.FALLBACK : st.source;
            String text = d == null ? fallback.text(symbol, fullName) : summary;
            String note = st.notes.isEmpty() ? null : String.join("; ", st.notes);
            out.add(new GeneDescription(st.query, symbol, geneId, fullName, summary, source, status, note, text));
            byStatus.merge(status, 1, Integer::sum);
            if (st.aliasRefused) {
                aliasesRefused++;
            }
            bySource.merge(source, 1, Integer::sum);
        }
        return new LookupResult(Collections.unmodifiableList(out), inputs, blanks, duplicates,
            Collections.unmodifiableMap(byStatus), Collections.unmodifiableMap(bySource), cacheHits, aliasesRefused);
    }
}
