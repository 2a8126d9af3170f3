package io.github.scllm.core.embed;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.genes.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The persistent embedding cache: one vector per (provider, model, dimensions, SHA-256 of the text), in the same
 * crash-safe store as the description cache ({@link KeyValueStore}, H2 MVStore). Every {@link #putAll} is committed
 * before it returns, so a run that fails or is killed keeps every batch stored before. Texts themselves are not
 * stored, only their hashes; vectors are stored as little-endian float32.
 *
 * <p>One process may open a cache file at a time; inside one process, {@link #open(Path)} hands out the same store
 * to every caller of the same folder (nodes running in parallel), and the file closes when the last one closes.
 * Thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {
    /** Namespace of embedding entries inside the store file. */
    public static final String NAMESPACE = "embeddings-v1";
    /** Name of the store file inside the cache folder. */
    public static final String FILE_NAME = "embeddings.mv.db";


    private final Path file;
    private final KeyValueStore store;
    private boolean closed;

    private EmbeddingCache(Path file, KeyValueStore store) {
        this.file = file;
        this.store = store;
    }

    /**
     * Opens or creates the cache file {@value #FILE_NAME} in a folder.
     *
     * @param folder cache folder, created when missing
     * @return the cache; close it when done
     * @throws EngineException when the folder cannot be created, another process uses the file, or the file is not a
     *                         store (the message says what to do)
     */
    public static EmbeddingCache open(Path folder) {
        KeyValueStore store = KeyValueStore.openShared(folder.resolve(FILE_NAME), NAMESPACE);
        return new EmbeddingCache(store.file(), store);
    }

    /** @return the default cache folder, {@code .scllm/cache} under the user's home */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".scllm", "cache");
    }

    /** @return the store file */
    public Path file() {
        return file;
    }

    /**
     * @param identity the embedder
     * @param text     the text
     * @return the cache key: provider, model, dimensions and the text's SHA-256, tab-separated
     */
    public static String key(EmbedderIdentity identity, String text) {
        return identity.provider() + "\t" + identity.model() + "\t" + identity.dimensions() + "\t" + sha256(text);
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * @param identity the embedder
     * @param text     the text
     * @return the stored vector, or null when this text was never stored for this embedder
     */
    public float[] get(EmbedderIdentity identity, String text) {
        byte[] v = store.get(key(identity, text));
        if (v == null || v.length == 0 || v.length % Float.BYTES != 0) {
            // an empty or torn value is treated as absent and will be overwritten
            return null;
        }
        float[] out = new float[v.length / Float.BYTES];
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /**
     * Stores vectors and commits them together.
     *
     * @param identity the embedder
     * @param vectors  text to vector
     * @throws EngineException when writing fails (disk full, cache closed)
     */
    public void putAll(EmbedderIdentity identity, Map<String, float[]> vectors) {
        Map<String, byte[]> entries = new HashMap<>(vectors.size() * 2);
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            float[] v = e.getValue();
            ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            entries.put(key(identity, e.getKey()), b.array());
        }
        store.putAll(entries);
    }

    /** @return the number of stored vectors, of all embedders */
    public int size() {
        return store.size();
    }

    /** Releases this handle; the file closes with the last handle of the process. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.release();
        }
    }
}
