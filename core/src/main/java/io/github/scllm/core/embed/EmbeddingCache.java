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
import java.util.zip.CRC32;

/**
 * The persistent embedding cache: one vector per (provider, model, dimensions, SHA-256 of the text), in the same
 * crash-safe store as the description cache ({@link KeyValueStore}, H2 MVStore). Every {@link #putAll} is committed
 * before it returns, so a run that fails or is killed keeps every batch stored before. Texts themselves are not
 * stored, only their hashes; vectors are stored as little-endian float32 after a format byte and a CRC-32 of the key
 * and the vector, so that a damaged entry is recognised on read, dropped and fetched again instead of being used.
 * Entries of the first format (the floats alone, without checksum) are still read.
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
    /** First byte of a checksummed entry; checksummed entries are 5 + 4n bytes long, first-format ones 4n. */
    private static final byte CHECKSUMMED = 1;
    private static final int HEADER = 1 + Integer.BYTES;
    /** Entries read at most when looking for the vector length a cache holds for one embedder. */
    private static final int DIMENSION_PROBES = 16;

    /**
     * What the cache holds for one text.
     *
     * @param vector  the stored vector, or null when absent or damaged
     * @param damaged whether an entry was there but failed its checksum or held non-finite numbers (it has been
     *                dropped)
     */
    public record Lookup(float[] vector, boolean damaged) {
        static final Lookup ABSENT = new Lookup(null, false);
        static final Lookup DAMAGED = new Lookup(null, true);
    }


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
     * @return the stored vector, or null when this text was never stored for this embedder or its entry was damaged
     */
    public float[] get(EmbedderIdentity identity, String text) {
        return lookup(identity, text).vector();
    }

    /**
     * Reads one entry and checks it; a damaged entry (checksum mismatch, torn length, non-finite numbers) is removed
     * so that the text is fetched again.
     *
     * @param identity the embedder
     * @param text     the text
     * @return the vector, or why there is none
     * @throws EngineException when removing a damaged entry fails
     */
    public Lookup lookup(EmbedderIdentity identity, String text) {
        String key = key(identity, text);
        byte[] v = store.get(key);
        if (v == null) {
            return Lookup.ABSENT;
        }
        float[] vector = decode(key, v);
        if (vector == null) {
            store.remove(key);
            return Lookup.DAMAGED;
        }
        return new Lookup(vector, false);
    }

    /** @return the vector of a stored value, or null when the value is damaged */
    private static float[] decode(String key, byte[] v) {
        int offset;
        if (v.length % Float.BYTES == 0) {
            offset = 0; // first format, without checksum
        } else if (v.length % Float.BYTES == HEADER % Float.BYTES && v.length > HEADER && v[0] == CHECKSUMMED) {
            offset = HEADER;
            int stored = ByteBuffer.wrap(v, 1, Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (stored != checksum(key, v, HEADER)) {
                return null;
            }
        } else {
            return null;
        }
        float[] out = new float[(v.length - offset) / Float.BYTES];
        if (out.length == 0) {
            return null;
        }
        ByteBuffer.wrap(v, offset, v.length - offset).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        for (float x : out) {
            if (!Float.isFinite(x)) {
                return null;
            }
        }
        return out;
    }

    /** @return CRC-32 of the key's UTF-8 bytes and {@code value} from {@code from}, so an entry moved to another key fails too */
    private static int checksum(String key, byte[] value, int from) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        crc.update(value, from, value.length - from);
        return (int) crc.getValue();
    }

    /**
     * The vector length this cache holds for an embedder, read from its first intact entries.
     *
     * @param identity the embedder
     * @return the length, or -1 when the cache holds no intact vector of this embedder
     */
    public int storedDimension(EmbedderIdentity identity) {
        String prefix = identity.provider() + "\t" + identity.model() + "\t" + identity.dimensions() + "\t";
        String k = store.ceilingKey(prefix);
        for (int probe = 0; probe < DIMENSION_PROBES && k != null && k.startsWith(prefix); probe++) {
            byte[] v = store.get(k);
            float[] vector = v == null ? null : decode(k, v);
            if (vector != null) {
                return vector.length;
            }
            k = store.ceilingKey(k + "\0");
        }
        return -1;
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
            String key = key(identity, e.getKey());
            ByteBuffer b = ByteBuffer.allocate(HEADER + v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.put(CHECKSUMMED).putInt(0);
            b.asFloatBuffer().put(v);
            byte[] bytes = b.array();
            ByteBuffer.wrap(bytes, 1, Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(checksum(key, bytes, HEADER));
            entries.put(key, bytes);
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
