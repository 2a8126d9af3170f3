package io.github.scllm.core.genes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.scllm.core.EngineException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The persistent cache of gene lookups, keyed by (taxon, symbol, source), so that running a lookup again makes no
 * repeated network requests. Negative answers (the source positively answered that it knows no such gene) are
 * cached too, with the time they were stored, and expire after {@link #NOT_FOUND_MAX_AGE} (sooner with
 * {@link #refreshNotFound()}), so that a gene NCBI adds later, or an answer that was wrong, is asked again. Values are
 * JSON, so the file stays readable across versions. Counts hits and misses. Thread-safe.
 */
public final class DescriptionCache implements AutoCloseable {
    /** Namespace of the gene lookup entries inside the store file. */
    public static final String NAMESPACE = "gene-descriptions-v1";

    /** How long a cached "not found" is believed before the source is asked again. */
    public static final Duration NOT_FOUND_MAX_AGE = Duration.ofDays(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HIT = "hit";
    private static final String STORED_AT = "stored_at_ms";
    private volatile Duration notFoundMaxAge = NOT_FOUND_MAX_AGE;
    private final Clock clock;
    private final KeyValueStore store;
    private final boolean shared;
    private boolean closed;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param store an open store; this cache closes it on {@link #close()}
     */
    public DescriptionCache(KeyValueStore store) {
        this(store, false, Clock.systemUTC());
    }

    /**
     * @param store an open store; this cache closes it on {@link #close()}
     * @param clock the time entries are stamped with and expire by
     */
    public DescriptionCache(KeyValueStore store, Clock clock) {
        this(store, false, clock);
    }

    private DescriptionCache(KeyValueStore store, boolean shared, Clock clock) {
        this.store = store;
        this.shared = shared;
        this.clock = clock;
    }

    /** Asks the sources again for every symbol cached as not found, as if those entries had expired. */
    public void refreshNotFound() {
        notFoundMaxAge = Duration.ZERO;
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
            true, Clock.systemUTC());
    }

    /** @return the default cache folder, {@code .scllm/cache} under the user's home */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".scllm", "cache");
    }

    static String key(int taxon, String symbol, String source) {
        return taxon + "\t" + source + "\t" + symbol;
    }

    /**
     * @return the cached hit, or null when this (taxon, symbol, source) was never stored, or was stored as not found
     *         longer ago than the expiry
     */
    public GeneHit get(int taxon, String symbol, String source) {
        byte[] v = store.get(key(taxon, symbol, source));
        GeneHit h = v == null ? null : decode(v);
        if (h == null) {
            misses.incrementAndGet();
            return null;
        }
        hits.incrementAndGet();
        return h;
    }

    /** @return the stored hit, or null when unreadable or an expired "not found" */
    private GeneHit decode(byte[] v) {
        try {
            JsonNode root = JSON.readTree(v);
            if (root == null || !root.has(HIT)) {
                // first format, without time: a "not found" of unknown age is asked again
                GeneHit h = JSON.readValue(v, GeneHit.class);
                return h.status() == LookupStatus.NOT_FOUND ? null : h;
            }
            GeneHit h = JSON.treeToValue(root.get(HIT), GeneHit.class);
            long age = clock.millis() - root.path(STORED_AT).asLong(0);
            return h.status() == LookupStatus.NOT_FOUND && age >= notFoundMaxAge.toMillis() ? null : h;
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable entry is treated as absent and will be overwritten
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
                ObjectNode entry = JSON.createObjectNode();
                entry.set(HIT, JSON.valueToTree(e.getValue()));
                entry.put(STORED_AT, clock.millis());
                entries.put(key(taxon, e.getKey(), source), JSON.writeValueAsBytes(entry));
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
