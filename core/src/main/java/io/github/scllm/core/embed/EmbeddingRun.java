package io.github.scllm.core.embed;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One embedding job as the LLM Embed node and the command line run it: build the provider from settings, put the
 * cache in front of it when a folder is given, embed, and report what was sent and what came from the cache.
 *
 * @param identity  the provider, model and dimensions that produced the vectors
 * @param vectors   one vector per text, in input order
 * @param distinct  distinct texts among the input
 * @param fromCache distinct texts answered by the cache (0 without cache)
 * @param sent      distinct texts given to the provider
 * @param truncated texts the provider shortened to fit its model
 * @param warning   what the user should know about the cache (damaged entries dropped and fetched again), or null
 */
public record EmbeddingRun(EmbedderIdentity identity, float[][] vectors, int distinct, int fromCache, int sent,
        long truncated, String warning) {

    /** @return the vector length, or 0 when there were no texts */
    public int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }

    /**
     * Runs a job with keys from the process environment.
     *
     * @param settings    provider settings
     * @param cacheFolder the cache folder, or null to embed without cache
     * @param texts       texts, none null or blank; duplicates are embedded once
     * @param cancel      polled between requests
     * @param progress    receives the fraction of texts embedded
     * @return the vectors and counts
     * @throws EngineException when the provider cannot be built, the cache cannot be opened, or embedding fails
     *                         (batches finished before are cached)
     */
    public static EmbeddingRun run(ProviderSettings settings, Path cacheFolder, List<String> texts,
            CancellationToken cancel, ProgressListener progress) {
        return run(settings, cacheFolder, texts, cancel, progress, System::getenv);
    }

    /**
     * As {@link #run(ProviderSettings, Path, List, CancellationToken, ProgressListener)}, with environment variables
     * looked up by {@code env}.
     *
     * @throws EngineException see {@link #run(ProviderSettings, Path, List, CancellationToken, ProgressListener)}
     */
    public static EmbeddingRun run(ProviderSettings settings, Path cacheFolder, List<String> texts,
            CancellationToken cancel, ProgressListener progress, Function<String, String> env) {
        try (TextEmbedder embedder = EmbeddingProviders.create(settings, env)) {
            if (cacheFolder == null) {
                Map<String, Integer> slot = new LinkedHashMap<>();
                int[] slotOf = new int[texts.size()];
                for (int i = 0; i < texts.size(); i++) {
                    slotOf[i] = slot.computeIfAbsent(texts.get(i), t -> slot.size());
                }
                float[][] unique = embedder.embed(new ArrayList<>(slot.keySet()), cancel, progress);
                float[][] v = new float[texts.size()][];
                for (int i = 0; i < v.length; i++) {
                    v[i] = unique[slotOf[i]];
                }
                return new EmbeddingRun(embedder.identity(), v, unique.length, 0, unique.length,
                        embedder.truncatedTexts(), null);
            }
            try (EmbeddingCache cache = EmbeddingCache.open(cacheFolder)) {
                // not closed itself: closing it would close the embedder a second time
                CachedEmbedder cached = new CachedEmbedder(embedder, cache);
                float[][] v = cached.embed(texts, cancel, progress);
                CachedEmbedder.Stats s = cached.lastStats();
                return new EmbeddingRun(embedder.identity(), v, s.distinct(), s.fromCache(), s.sent(),
                        embedder.truncatedTexts(), s.damagedWarning(cache.file()));
            }
        }
    }
}
