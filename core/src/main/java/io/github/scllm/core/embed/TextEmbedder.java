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

    /**
     * Receives the vectors of one finished request (or batch) while an {@link #embed(List, CancellationToken,
     * ProgressListener, BatchListener)} call is still running, so a caller can persist what is already paid for.
     * Calls for one embed call never overlap: an implementation needs no synchronisation of its own.
     */
    @FunctionalInterface
    interface BatchListener {
        /** A listener that ignores every batch. */
        BatchListener NONE = (offset, vectors) -> { };

        /**
         * @param offset  index in the embedded list of the first text of the batch
         * @param vectors vectors of the texts {@code offset .. offset + vectors.length - 1}; not to be modified
         */
        void batchDone(int offset, float[][] vectors);
    }

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

    /**
     * Embeds every text and reports each finished batch to {@code listener} as soon as it is done. When the call
     * fails, the batches already reported stay valid. The default embeds everything and reports one batch.
     *
     * @param texts    as for {@link #embed(List, CancellationToken, ProgressListener)}
     * @param cancel   checked between requests or batches
     * @param progress receives the fraction of texts done
     * @param listener receives finished batches, never concurrently
     * @return one vector per text, as for {@link #embed(List, CancellationToken, ProgressListener)}
     * @throws EngineException (or a subclass) naming the provider and what to do when embedding fails
     */
    default float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress,
            BatchListener listener) {
        float[][] vectors = embed(texts, cancel, progress);
        if (vectors.length > 0) {
            listener.batchDone(0, vectors);
        }
        return vectors;
    }

    /**
     * @return how many texts this embedder shortened to fit its model's input limit since it was created; the
     *         default, for embedders that never shorten, is 0
     */
    default long truncatedTexts() {
        return 0;
    }

    /** Releases connections, sessions and native memory; the default does nothing. */
    @Override
    default void close() {
    }
}
