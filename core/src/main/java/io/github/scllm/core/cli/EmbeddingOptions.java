package io.github.scllm.core.cli;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.CachedEmbedder;
import io.github.scllm.core.embed.EmbeddingCache;
import io.github.scllm.core.embed.EmbeddingProviders;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.embed.ProviderSettings;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.embed.local.LocalModels;
import io.github.scllm.core.embed.local.Pooling;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The text embedding model of a command: provider, model and endpoint, where the key comes from, and the persistent
 * embedding cache. Keys are read from environment variables only, never from the command line (which other users of
 * the machine can see).
 */
final class EmbeddingOptions {

    @Option(names = "--provider", defaultValue = "local", paramLabel = "NAME",
        description = "Text embedding provider: local (built-in model, default), onnx, openai, azure, "
            + "openai-compatible or tei.")
    String provider;

    @Option(names = "--model", paramLabel = "NAME",
        description = "Model name (openai default: text-embedding-ada-002; required by openai-compatible).")
    String model;

    @Option(names = "--base-url", paramLabel = "URL",
        description = "Server address: azure https://RESOURCE.openai.azure.com, openai-compatible e.g. "
            + "http://localhost:11434/v1, tei e.g. http://localhost:8080.")
    String baseUrl;

    @Option(names = "--deployment", paramLabel = "NAME", description = "Azure OpenAI deployment name.")
    String deployment;

    @Option(names = "--api-version", paramLabel = "DATE", description = "Azure OpenAI api-version.")
    String apiVersion;

    @Option(names = "--dimensions", paramLabel = "N", defaultValue = "0",
        description = "Output dimensions for text-embedding-3 models (0: the model's own).")
    int dimensions;

    @Option(names = "--api-key-env", paramLabel = "VAR",
        description = "Environment variable holding the API key (default: OPENAI_API_KEY, or AZURE_OPENAI_API_KEY "
            + "for azure).")
    String apiKeyEnv;

    @Option(names = "--onnx-model", paramLabel = "FILE", description = "model.onnx of a BERT-family model (onnx).")
    Path onnxModel;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json of that model (onnx).")
    Path tokenizer;

    @Option(names = "--pooling", paramLabel = "MEAN|CLS", defaultValue = "MEAN",
        description = "How token vectors become one vector (onnx; default: ${DEFAULT-VALUE}).")
    Pooling pooling;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
        description = "Longest time one request to an embedding server may take, answer included (default: "
            + "${DEFAULT-VALUE}); a server that hangs costs at most timeout x attempts plus the waits between them.")
    int timeoutSeconds;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "6",
        description = "Attempts per request, the first included, on timeouts, rate limits and server errors (default: "
            + "${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "0",
        description = "Texts per request (default 0: the provider's limit); lower it when a server refuses large "
            + "requests.")
    int batchSize;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
        description = "Requests in flight at once (default: ${DEFAULT-VALUE}); lower it on persistent rate limits.")
    int concurrency;

    @Option(names = {"--embedding-cache", "--cache"}, paramLabel = "DIR",
        description = "Folder of the persistent embedding cache (default: ~/.scllm/cache).")
    Path cacheFolder;

    @Option(names = "--no-embedding-cache", description = "Embed every text again instead of reusing cached vectors.")
    boolean noCache;

    /**
     * @param threads threads of in-process models
     * @return the embedder, wrapped by the cache unless it is switched off; the caller closes it
     * @throws InvalidInputException for an unknown provider or missing provider settings
     */
    TextEmbedder open(final int threads) {
        ProviderKind kind = ProviderKind.fromId(provider);
        Optional<String> why = kind.isRemote() ? Optional.empty() : LocalModels.unavailableReason();
        if (why.isPresent()) {
            throw new EngineException("The " + kind.displayName() + " cannot run: " + why.get() + " Choose a remote "
                + "provider (--provider openai, azure, openai-compatible or tei) or, in evaluate and annotate, only the "
                + "expression methods (expression_pca_knn, logistic_regression, transductive_pca_centroid).");
        }
        if (timeoutSeconds < 1) {
            throw new InvalidInputException("--timeout must be at least 1 second, not " + timeoutSeconds + ".");
        }
        ProviderSettings.Builder b = ProviderSettings.builder(kind).threads(threads).dimensions(dimensions)
            .timeout(Duration.ofSeconds(timeoutSeconds)).batchSize(batchSize).concurrency(concurrency)
            .retry(ProviderSettings.DEFAULTS.retry().withMaxAttempts(attempts));
        if (model != null) {
            b.model(model);
        }
        if (baseUrl != null) {
            b.baseUrl(baseUrl);
        }
        if (deployment != null) {
            b.deployment(deployment);
        }
        if (apiVersion != null) {
            b.apiVersion(apiVersion);
        }
        if (apiKeyEnv != null) {
            b.apiKeyEnv(apiKeyEnv);
        }
        if (onnxModel != null) {
            b.modelFile(onnxModel);
        }
        if (tokenizer != null) {
            b.tokenizerFile(tokenizer);
        }
        b.pooling(pooling);
        TextEmbedder embedder = EmbeddingProviders.create(b.build());
        if (noCache) {
            return embedder;
        }
        EmbeddingCache cache;
        try {
            cache = EmbeddingCache.open(cacheFolder != null ? cacheFolder : EmbeddingCache.defaultFolder());
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        return CachedEmbedder.owningCache(embedder, cache);
    }
}
