package io.github.scllm.core.genes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The official gene symbols of one organism. A symbol among them names its own gene, so a lookup never takes it as
 * another gene's alias (JUNB is official; a summary table that lists it among RNASEH2A's synonyms must not give JunB
 * the text of RNase H2).
 *
 * <p>Human and mouse lists ship with the build, made from NCBI gene_info (public domain) by
 * {@code core/src/main/scripts/make_official_symbols.py}; a gene_info file given by the user takes their place.
 */
public final class OfficialSymbols {
    private static final Map<Integer, Optional<OfficialSymbols>> SHIPPED = new ConcurrentHashMap<>();

    private final Set<String> keys;
    private final Set<String> spellings;
    private final String origin;

    private OfficialSymbols(Set<String> spellings, String origin) {
        this.spellings = spellings;
        this.keys = spellings.stream().map(Organism::key).collect(Collectors.toUnmodifiableSet());
        this.origin = origin;
    }

    /**
     * @param taxon NCBI taxonomy ID
     * @return the list shipped with the build for the taxon (human and mouse), or empty for other organisms
     */
    public static Optional<OfficialSymbols> shipped(int taxon) {
        return SHIPPED.computeIfAbsent(taxon, OfficialSymbols::load);
    }

    private static Optional<OfficialSymbols> load(int taxon) {
        InputStream in = OfficialSymbols.class.getResourceAsStream("official_symbols_" + taxon + ".txt.gz");
        if (in == null) {
            return Optional.empty();
        }
        Set<String> spellings = new HashSet<>(1 << 17);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
            StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    spellings.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The official gene symbols of taxon " + taxon + " shipped with scllm "
                + "cannot be read; the build is damaged, install it again.", e);
        }
        return Optional.of(new OfficialSymbols(Set.copyOf(spellings), "NCBI gene_info of taxon " + taxon
            + " shipped with scllm"));
    }

    /** @return whether the symbol (any case) is an official symbol */
    public boolean contains(String symbol) {
        return symbol != null && keys.contains(Organism.key(symbol.strip()));
    }

    /** @return whether the symbol is official as spelled, case included (mouse Cd3e, human CD3E) */
    public boolean containsAsSpelled(String symbol) {
        return symbol != null && spellings.contains(symbol.strip());
    }

    /** @return the number of symbols */
    public int size() {
        return keys.size();
    }

    /** @return where the list comes from, for notes to the user */
    public String origin() {
        return origin;
    }
}
