package io.github.scllm.core.cli;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.TextEmbedder;

/**
 * Opens the text embedding model a command's {@code --provider} names. A command holds one in a field, so a caller
 * (or a test) can hand it another before the command runs.
 */
@FunctionalInterface
interface EmbedderFactory {

    /**
     * @param options the command's embedding options
     * @param threads worker threads for in-process models
     * @return an open embedder; the caller closes it
     * @throws InvalidInputException if the provider is unknown or misconfigured
     * @throws EngineException if the provider cannot run here
     */
    TextEmbedder open(EmbeddingOptions options, int threads);

    /** The provider and cache the options name. */
    EmbedderFactory DEFAULT = EmbeddingOptions::open;
}
