package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Gene descriptions from NCBI Gene, live: one esearch per symbol, then esummary of all IDs found (batched; POST for
 * large batches), then the records that replaced retired IDs. A symbol is matched against the official symbol first
 * ({@link LookupStatus#FOUND}), then against aliases ({@link LookupStatus#ALIAS}); several matches make it
 * {@link LookupStatus#AMBIGUOUS}; an ID whose record was replaced yields the newer record with status
 * {@link LookupStatus#REPLACED}. Ensembl IDs are not searched (put a gene_info file before this source to map
 * them). Cacheable: answers are kept by {@link GeneDescriptionLookup} when it has a cache.
 */
public final class NcbiGeneSource implements GeneSource {
    private static final int SUMMARY_BATCH = 500;
    /** Symbols searched before their records are fetched and handed over: a failure loses at most this many. */
    static final int PART = 10;

    private final NcbiClient client;
    private final int taxon;

    /**
     * @param client the E-utilities client (rate limit shared by everything using it)
     * @param taxon NCBI taxonomy ID searched
     */
    public NcbiGeneSource(NcbiClient client, int taxon) {
        this.client = client;
        this.taxon = taxon;
    }

    @Override
    public String name() {
        return "ncbi";
    }

    @Override
    public DescriptionSource kind() {
        return DescriptionSource.NCBI;
    }

    @Override
    public boolean cacheable() {
        return true;
    }

    @Override
    public Map<String, GeneHit> find(Collection<String> symbols, CancellationToken cancel) {
        return find(symbols, cancel, part -> { });
    }

    /**
     * Looks symbols up in parts of {@value #PART} (searches, then one esummary per part), handing over each part once
     * its records are in. When a search fails, the symbols of the part already searched are still summarised and
     * handed over (if NCBI answers) before the failure is reported.
     */
    @Override
    public Map<String, GeneHit> find(Collection<String> symbols, CancellationToken cancel,
        Consumer<Map<String, GeneHit>> finished) {
        Map<String, GeneHit> out = new HashMap<>();
        List<String> all = new ArrayList<>(symbols);
        for (int from = 0; from < all.size(); from += PART) {
            Map<String, GeneHit> part = new HashMap<>();
            Map<String, List<String>> idsBySymbol = new LinkedHashMap<>();
            try {
                for (String s : all.subList(from, Math.min(all.size(), from + PART))) {
                    cancel.check();
                    if (Organism.isEnsemblGeneId(s) || s.matches(".*[\\[\\]\"()].*")) {
                        part.put(s, GeneHit.notFound("not searched at NCBI: " + (Organism.isEnsemblGeneId(s)
                            ? "Ensembl ID (add a gene_info file before NCBI to map it)" : "not a gene symbol")));
                        continue;
                    }
                    idsBySymbol.put(s, client.searchGeneIds(s, taxon, cancel));
                }
            } catch (RuntimeException e) {
                try {
                    part.putAll(resolveAll(idsBySymbol, cancel));
                    finished.accept(part);
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            part.putAll(resolveAll(idsBySymbol, cancel));
            finished.accept(part);
            out.putAll(part);
        }
        return out;
    }

    /** Fetches the records of the IDs found, and of the records that replaced retired ones, and resolves each symbol. */
    private Map<String, GeneHit> resolveAll(Map<String, List<String>> idsBySymbol, CancellationToken cancel) {
        Set<String> allIds = new LinkedHashSet<>();
        idsBySymbol.values().forEach(allIds::addAll);
        Map<String, NcbiGene> records = fetch(allIds, cancel);
        Set<String> current = new LinkedHashSet<>();
        for (NcbiGene g : records.values()) {
            if (g.status() == 1 && g.currentId() != null && !records.containsKey(g.currentId())) {
                current.add(g.currentId());
            }
        }
        records.putAll(fetch(current, cancel));
        Map<String, GeneHit> out = new HashMap<>();
        for (Map.Entry<String, List<String>> e : idsBySymbol.entrySet()) {
            out.put(e.getKey(), resolve(e.getKey(), e.getValue(), records));
        }
        return out;
    }

    private Map<String, NcbiGene> fetch(Set<String> ids, CancellationToken cancel) {
        Map<String, NcbiGene> out = new HashMap<>();
        List<String> list = new ArrayList<>(ids);
        for (int i = 0; i < list.size(); i += SUMMARY_BATCH) {
            out.putAll(client.summaries(list.subList(i, Math.min(list.size(), i + SUMMARY_BATCH)), cancel));
        }
        return out;
    }

    private GeneHit resolve(String symbol, List<String> ids, Map<String, NcbiGene> records) {
        List<NcbiGene> candidates = new ArrayList<>();
        for (String id : ids) {
            NcbiGene g = records.get(id);
            if (g != null && g.error() == null && (g.taxon() == 0 || g.taxon() == taxon)) {
                candidates.add(g);
            }
        }
        if (candidates.isEmpty()) {
            return GeneHit.notFound(null);
        }
        List<NcbiGene> exact = candidates.stream().filter(g -> g.symbol().equalsIgnoreCase(symbol)).toList();
        if (exact.size() > 1) {
            return ambiguous(symbol, "symbol", exact);
        }
        if (exact.size() == 1) {
            return hit(exact.get(0), records, LookupStatus.FOUND, null);
        }
        List<NcbiGene> alias = candidates.stream()
            .filter(g -> g.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(symbol))).toList();
        if (alias.size() > 1) {
            return ambiguous(symbol, "alias", alias);
        }
        if (alias.size() == 1) {
            return hit(alias.get(0), records, LookupStatus.ALIAS, symbol + " is an alias of " + alias.get(0).symbol());
        }
        return GeneHit.notFound("NCBI search returned Gene IDs " + ids + " but none has " + symbol
            + " as symbol or alias");
    }

    private static GeneHit hit(NcbiGene g, Map<String, NcbiGene> records, LookupStatus status, String note) {
        if (g.status() == 1 && g.currentId() != null) {
            NcbiGene now = records.get(g.currentId());
            String replaced = "Gene ID " + g.uid() + " (" + g.symbol() + ") was replaced by " + g.currentId();
            if (now != null && now.error() == null) {
                return new GeneHit(now.symbol(), now.uid(), now.description(), blankToNull(now.summary()),
                    LookupStatus.REPLACED, note == null ? replaced : note + "; " + replaced);
            }
            if (now == null) {
                // an incomplete answer, not a negative one: never cached as "not found"
                throw new NcbiException("NCBI did not return the record of Gene ID " + g.currentId() + ", which "
                    + "replaced " + g.uid() + " (" + g.symbol() + "); try again later.", 200, null);
            }
            return GeneHit.notFound(replaced + ", whose record NCBI reports as an error: " + now.error());
        }
        return new GeneHit(g.symbol(), g.uid(), g.description(), blankToNull(g.summary()), status, note);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static GeneHit ambiguous(String symbol, String as, List<NcbiGene> genes) {
        return new GeneHit(null, null, null, null, LookupStatus.AMBIGUOUS, symbol + " is the " + as
            + " of several NCBI genes: " + genes.stream().map(g -> g.symbol() + " (" + g.uid() + ")")
                .collect(Collectors.joining(", ")));
    }
}
