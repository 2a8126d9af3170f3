/**
 * Text embeddings: providers that turn gene descriptions (or gene sentences) into vectors, the persistent
 * embedding cache, and the cell embedding (expression-weighted mean of a cell's gene embeddings, GenePT-w).
 *
 * <p>Every provider implements {@link io.github.scllm.core.embed.TextEmbedder} and is built from plain
 * {@link io.github.scllm.core.embed.ProviderSettings} by
 * {@link io.github.scllm.core.embed.EmbeddingProviders#create(io.github.scllm.core.embed.ProviderSettings)}: remote
 * ones ({@link io.github.scllm.core.embed.OpenAiEmbedder} for OpenAI, Azure OpenAI and OpenAI-compatible servers,
 * {@link io.github.scllm.core.embed.TeiEmbedder} for text-embeddings-inference) batch within the provider's limits,
 * keep a bounded number of requests in flight and retry by {@link io.github.scllm.core.RetryPolicy}; the
 * in-process models live in {@code embed.local}. {@link io.github.scllm.core.embed.CachedEmbedder} in front of any
 * provider embeds each distinct text once and stores every finished batch in the
 * {@link io.github.scllm.core.embed.EmbeddingCache} at once; {@link io.github.scllm.core.embed.EmbeddingRun} is the
 * whole job as the node and the command line run it.
 */
package io.github.scllm.core.embed;
