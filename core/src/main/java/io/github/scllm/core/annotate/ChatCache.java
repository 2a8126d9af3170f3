package io.github.scllm.core.annotate;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.genes.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The persistent cache of chat answers: one answer per (provider, model, endpoint, SHA-256 of the request body), in
 * the crash-safe store of the other caches ({@link KeyValueStore}, H2 MVStore), file {@value #FILE_NAME}. Only
 * complete, valid answers are stored, so a refusal or a truncated answer is asked again next time. Requests are not
 * stored, only their hashes. Inside one process, {@link #open(Path)} hands the same store to every caller of a
 * folder; the file closes with the last handle. Thread-safe.
 */
public final class ChatCache implements AutoCloseable {
    /** Namespace of chat answers inside the store file. */
    public static final String NAMESPACE = "chat-answers-v1";
    /** Name of the store file inside the cache folder. */
    public static final String FILE_NAME = "chat-answers.mv.db";


    private final Path file;
    private final KeyValueStore store;
    private boolean closed;

    private ChatCache(Path file, KeyValueStore store) {
        this.file = file;
        this.store = store;
    }

    /**
     * @param folder the cache folder, created when missing (e.g. the embedding cache's folder)
     * @return the cache; close it when done
     * @throws EngineException when the folder cannot be created or another process uses the file
     */
    public static ChatCache open(Path folder) {
        KeyValueStore store = KeyValueStore.openShared(folder.resolve(FILE_NAME), NAMESPACE);
        return new ChatCache(store.file(), store);
    }

    /**
     * @param identity the client's {@link ChatClient#identity()}
     * @param requestJson the request body as sent
     * @return the cache key: the identity and the SHA-256 of the request
     */
    public static String key(String identity, String requestJson) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return identity + "\t" + HexFormat.of().formatHex(md.digest(requestJson.getBytes(
                StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** @return the stored answer content, or null */
    public String get(String key) {
        byte[] v = store.get(key);
        return v == null || v.length == 0 ? null : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * Stores an answer and commits it.
     *
     * @throws EngineException when writing fails
     */
    public void put(String key, String content) {
        store.put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the number of stored answers */
    public int size() {
        return store.size();
    }

    /** @return the store file */
    public Path file() {
        return file;
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
