package io.github.scllm.core.genes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.EngineException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The persistent cache of gene lookups, keyed by (taxon, symbol, source), so that running a lookup again makes no
 * repeated network requests. Negative answers (symbol unknown to the source) are cached too. Values are JSON, so
 * the file stays readable across versions. Counts hits and misses. Thread-safe.
 */
public final class DescriptionCache implements AutoCloseable {
    /** Namespace of the gene lookup entries inside the store file. */
    public static final String NAMESPACE = "gene-descriptions-v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyValueStore store;
    private final boolean shared;
    private boolean closed;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param store an open store; this cache closes it on {@link #close()}
     */
    public DescriptionCache(KeyValueStore store) {
        this(store, false);
    }

    private DescriptionCache(KeyValueStore store, boolean shared) {
        this.store = store;
        this.shared = shared;
    }

    /**
     * Opens the cache file {@code gene-descriptions.mv.db} in a folder.
     *
     * @param folder cache folder, created when missing
     * @return the cache
     * @throws EngineException see {@link KeyValueStore#open(Path, String)}
     */
    public static DescriptionCache open(Path folder) {
        return new DescriptionCache(KeyValueStore.openShared(folder.resolve("gene-descriptions.mv.db"), NAMESPACE),
            true);
    }

    /** @return the default cache folder, {@code .scllm/cache} under the user's home */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".scllm", "cache");
    }

    static String key(int taxon, String symbol, String source) {
        return taxon + "\t" + source + "\t" + symbol;
    }

    /**
     * @return the cached hit, or null when this (taxon, symbol, source) was never stored
     */
    public GeneHit get(int taxon, String symbol, String source) {
        byte[] v = store.get(key(taxon, symbol, source));
        if (v == null) {
            misses.incrementAndGet();
            return null;
        }
        try {
            GeneHit h = JSON.readValue(v, GeneHit.class);
            hits.incrementAndGet();
            return h;
        } catch (IOException e) {
            // an unreadable entry is treated as absent and will be overwritten
            misses.incrementAndGet();
            return null;
        }
    }

    /**
     * Stores hits of one source and commits them together.
     *
     * @param taxon organism
     * @param source the source's name
     * @param hitsBySymbol hits keyed by asked symbol
     * @throws EngineException if writing fails
     */
    public void putAll(int taxon, String source, Map<String, GeneHit> hitsBySymbol) {
        Map<String, byte[]> entries = new java.util.HashMap<>();
        for (Map.Entry<String, GeneHit> e : hitsBySymbol.entrySet()) {
            try {
                entries.put(key(taxon, e.getKey(), source), JSON.writeValueAsBytes(e.getValue()));
            } catch (JsonProcessingException ex) {
                throw new EngineException("Cannot encode the cache entry of gene " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        store.putAll(entries);
    }

    /** @return lookups answered from the cache since opening */
    public long hits() {
        return hits.get();
    }

    /** @return lookups not found in the cache since opening */
    public long misses() {
        return misses.get();
    }

    /** @return the number of stored entries */
    public int size() {
        return store.size();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shared) {
            store.release();
        } else {
            store.close();
        }
    }
}
