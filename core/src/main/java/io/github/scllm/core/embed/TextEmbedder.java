package io.github.scllm.core.embed;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.ProgressListener;

import java.util.List;

/**
 * Turns texts into vectors. Implemented by remote providers (OpenAI, Azure OpenAI, OpenAI-compatible servers,
 * text-embeddings-inference) and by in-process models. Implementations are thread-safe.
 */
public interface TextEmbedder extends AutoCloseable {

    /** The provider, model and dimensions this embedder produces vectors for. */
    EmbedderIdentity identity();

    /**
     * Embeds every text.
     *
     * @param texts    non-null texts, none null or blank
     * @param cancel   checked between requests or batches
     * @param progress receives the fraction of texts done
     * @return one vector per text, {@code result[i]} for {@code texts.get(i)}, all of the same length
     * @throws EngineException (or a subclass) naming the provider and what to do when embedding fails
     */
    float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress);

    /** Releases connections, sessions and native memory; the default does nothing. */
    @Override
    default void close() {
    }
}
