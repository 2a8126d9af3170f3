package io.github.scllm.core.embed;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TextEmbedder} in front of another that embeds each distinct text once and never twice across runs: texts
 * are deduplicated, looked up in an {@link EmbeddingCache}, and only the texts not yet cached are sent; every batch
 * the inner embedder finishes is written to the cache at once, so a run that fails half-way keeps what it already
 * paid for and a re-run sends only the rest. Every answer is checked before it is stored (finite numbers, the
 * length of the vectors already cached for this embedder), so a bad answer never poisons the cache; a cached entry
 * that fails its checksum is dropped and fetched again. Thread-safe when the inner embedder is.
 */
public final class CachedEmbedder implements TextEmbedder {

    /**
     * What one {@link #embed} call did.
     *
     * @param texts     texts asked for
     * @param distinct  distinct texts among them
     * @param fromCache distinct texts found in the cache
     * @param sent      distinct texts given to the inner embedder
     * @param damaged   cached entries found damaged, dropped and fetched again (included in {@code sent})
     */
    public record Stats(int texts, int distinct, int fromCache, int sent, int damaged) {
        /** @return a warning about damaged cache entries, or null when there were none */
        public String damagedWarning(Path cacheFile) {
            return damaged == 0 ? null : damaged + " entries of the embedding cache " + cacheFile + " were damaged "
                + "(checksum mismatch); they were dropped and embedded again. If this repeats, check the disk.";
        }
    }

    private final TextEmbedder inner;
    private final EmbeddingCache cache;
    private final boolean ownsCache;
    private volatile Stats last = new Stats(0, 0, 0, 0, 0);

    /**
     * @param inner the embedder that computes missing vectors; closed by {@link #close()}
     * @param cache the cache; stays open (its owner closes it)
     */
    public CachedEmbedder(TextEmbedder inner, EmbeddingCache cache) {
        this(inner, cache, false);
    }

    private CachedEmbedder(TextEmbedder inner, EmbeddingCache cache, boolean ownsCache) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ownsCache = ownsCache;
    }

    /**
     * A cached embedder that also closes {@code cache} when it is closed, for callers that open a cache for one
     * embedder only.
     */
    public static CachedEmbedder owningCache(TextEmbedder inner, EmbeddingCache cache) {
        return new CachedEmbedder(inner, cache, true);
    }

    @Override
    public EmbedderIdentity identity() {
        return inner.identity();
    }

    /** @return the file of the cache */
    public Path cacheFile() {
        return cache.file();
    }

    /** @return what the most recent completed or failed {@link #embed} call did */
    public Stats lastStats() {
        return last;
    }

    @Override
    public float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress) {
        return embed(texts, cancel, progress, BatchListener.NONE);
    }

    /**
     * Embeds the texts, answering from the cache where possible.
     *
     * @throws EngineException when the inner embedder fails (batches it finished before are cached) or the cache
     *                         holds vectors of another length than the inner embedder returns
     */
    @Override
    public float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress,
            BatchListener listener) {
        EmbedderIdentity id = inner.identity();
        Map<String, Integer> slot = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] slotOf = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            Integer s = slot.get(t);
            if (s == null) {
                s = distinct.size();
                slot.put(t, s);
                distinct.add(t);
            }
            slotOf[i] = s;
        }
        float[][] vectors = new float[distinct.size()][];
        List<String> pending = new ArrayList<>();
        List<Integer> pendingSlot = new ArrayList<>();
        int damaged = 0;
        int cachedLength = -1;
        for (int d = 0; d < distinct.size(); d++) {
            cancel.check();
            String t = distinct.get(d);
            EmbeddingCache.Lookup hit = t == null ? EmbeddingCache.Lookup.ABSENT : cache.lookup(id, t);
            if (hit.vector() == null) {
                pending.add(t);
                pendingSlot.add(d);
                damaged += hit.damaged() ? 1 : 0;
            } else {
                if (cachedLength >= 0 && hit.vector().length != cachedLength) {
                    throw new EngineException("The cache holds vectors of " + cachedLength + " and of "
                            + hit.vector().length + " dimensions for " + id + ": the model behind that name changed. "
                            + deleteAdvice());
                }
                cachedLength = hit.vector().length;
                vectors[d] = hit.vector();
            }
        }
        int fromCache = distinct.size() - pending.size();
        last = new Stats(texts.size(), distinct.size(), fromCache, pending.size(), damaged);
        if (!pending.isEmpty()) {
            int[] expected = {cachedLength >= 0 ? cachedLength : cache.storedDimension(id)};
            try {
                inner.embed(pending, cancel, progress, (offset, batch) -> {
                // checked against the cache before storing: an answer of another length would make every later run
                // fail on the mix
                VectorChecks.requireUsable(id.provider(), batch, pending, offset, expected[0] < 0
                        ? VectorChecks.Expected.FROM_ANSWER
                        : new VectorChecks.Expected(expected[0], "the cache already holds vectors of this model with",
                                deleteAdvice()));
                expected[0] = batch.length > 0 ? batch[0].length : expected[0];
                Map<String, float[]> store = new HashMap<>(batch.length * 2);
                for (int k = 0; k < batch.length; k++) {
                    store.put(pending.get(offset + k), batch[k]);
                    vectors[pendingSlot.get(offset + k)] = batch[k];
                }
                cache.putAll(id, store);
                });
            } catch (InvalidVectorException e) {
                int row = firstRowOf(pendingSlot.get(e.textIndex()), slotOf);
                throw e.at(row, VectorChecks.describe(texts, row));
            }
        } else {
            progress.progress(1.0, distinct.size() + " distinct texts, all from the cache");
        }
        for (int d = 0; d < vectors.length; d++) {
            if (vectors[d] == null) {
                throw new EngineException("The embedder " + id + " returned no vector for text " + (d + 1)
                        + " without reporting an error; report this as a bug.");
            }
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectors[slotOf[i]];
        }
        if (out.length > 0) {
            listener.batchDone(0, out);
        }
        return out;
    }

    private static int firstRowOf(int slot, int[] slotOf) {
        for (int i = 0; i < slotOf.length; i++) {
            if (slotOf[i] == slot) {
                return i;
            }
        }
        throw new IllegalArgumentException("no text in slot " + slot);
    }

    private String deleteAdvice() {
        return "Delete the cache file " + cache.file() + " (or use another cache folder, or switch the cache off), "
                + "then run again.";
    }

    @Override
    public long truncatedTexts() {
        return inner.truncatedTexts();
    }

    /** Closes the inner embedder, and the cache if this embedder owns it. */
    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            if (ownsCache) {
                cache.close();
            }
        }
    }
}
