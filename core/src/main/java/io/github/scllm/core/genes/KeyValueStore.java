package io.github.scllm.core.genes;

import io.github.scllm.core.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A persistent, crash-safe map from text keys to byte values in one file, for caches of expensive remote answers
 * (gene descriptions now, embeddings later). Backed by H2's MVStore, a pure-Java append-only store: every
 * {@link #put} or {@link #putAll} is committed before it returns, and an interrupted process (killed, power lost)
 * reopens at its last commit, so at most the write in progress is lost. One process at a time may open a file.
 * Thread-safe.
 */
public final class KeyValueStore implements AutoCloseable {
    /** Stores opened with {@link #openShared}, by absolute file; guards {@link #users}. */
    private static final Map<Path, KeyValueStore> SHARED = new HashMap<>();

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> map;
    private String sharedNamespace;
    private int users;

    private KeyValueStore(Path file, MVStore store, MVMap<String, byte[]> map) {
        this.file = file;
        this.store = store;
        this.map = map;
    }

    /**
     * Opens or creates a store.
     *
     * @param file the store file; missing parent folders are created
     * @param namespace a name for the map inside the file (e.g. {@code gene-descriptions}); different namespaces in
     *        one file do not see each other's keys
     * @return the open store; close it when done
     * @throws EngineException if the folder cannot be created, the file is in use by another process, or the file is
     *         not a store (the message says to delete it)
     */
    public static KeyValueStore open(Path file, String namespace) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new EngineException("Cannot create the cache folder of " + file + " (" + e.getMessage()
                + "); choose a writable cache location.", e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            String what = e.getMessage() != null && e.getMessage().contains("locked")
                ? "is in use by another process; close the other run or choose another cache location"
                : "cannot be opened as a cache (" + e.getMessage() + "); delete the file to start an empty cache";
            throw new EngineException("Cache file " + file + " " + what + ".", e);
        }
        return new KeyValueStore(file, store, store.openMap(namespace));
    }

    /**
     * Opens a store shared inside this process: every caller naming the same file gets the same open store (nodes
     * running in parallel share one cache file instead of failing on its lock). Each caller calls {@link #release()}
     * once when done; the file closes when the last caller releases it.
     *
     * @param file the store file; missing parent folders are created
     * @param namespace the map inside the file; every caller of one file must use the same
     * @return the shared store
     * @throws EngineException as {@link #open(Path, String)}
     * @throws IllegalStateException if the file is already shared under another namespace
     */
    public static KeyValueStore openShared(Path file, String namespace) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (SHARED) {
            KeyValueStore s = SHARED.get(key);
            if (s == null) {
                s = open(key, namespace);
                s.sharedNamespace = namespace;
                SHARED.put(key, s);
            } else if (!s.sharedNamespace.equals(namespace)) {
                throw new IllegalStateException(key + " is open as '" + s.sharedNamespace + "', not '" + namespace + "'");
            }
            s.users++;
            return s;
        }
    }

    /** Gives back a store from {@link #openShared}; the last release closes the file. */
    public void release() {
        synchronized (SHARED) {
            if (users > 0 && --users == 0) {
                SHARED.remove(file);
                close();
            }
        }
    }

    /** @return the store file */
    public Path file() {
        return file;
    }

    /**
     * @param key the key
     * @return the value stored under the key, or null
     */
    public byte[] get(String key) {
        return map.get(key);
    }

    /**
     * Stores one value and commits it to disk.
     *
     * @param key the key, not null
     * @param value the value, not null
     * @throws EngineException if the write fails (disk full, store closed)
     */
    public void put(String key, byte[] value) {
        putAll(Map.of(key, value));
    }

    /**
     * Stores several values and commits them together.
     *
     * @param entries keys and values, none null
     * @throws EngineException if the write fails (disk full, store closed)
     */
    public synchronized void putAll(Map<String, byte[]> entries) {
        try {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                map.put(e.getKey(), e.getValue());
            }
            store.commit();
        } catch (MVStoreException | IllegalStateException e) {
            throw writeFailed(e);
        }
    }

    /**
     * @param key a key or key prefix
     * @return the smallest stored key at or after {@code key}, or null
     */
    public String ceilingKey(String key) {
        return map.ceilingKey(key);
    }

    /**
     * Removes one entry and commits.
     *
     * @param key the key
     * @throws EngineException if the write fails (disk full, store closed)
     */
    public synchronized void remove(String key) {
        try {
            map.remove(key);
            store.commit();
        } catch (MVStoreException | IllegalStateException e) {
            throw writeFailed(e);
        }
    }

    private EngineException writeFailed(RuntimeException e) {
        return new EngineException("Writing to the cache file " + file + " failed (" + e.getMessage()
            + "); check free disk space and that the cache is still open.", e);
    }

    /** @return the number of entries */
    public int size() {
        return map.size();
    }

    /** Commits and closes the file. Further use fails. Idempotent. */
    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
