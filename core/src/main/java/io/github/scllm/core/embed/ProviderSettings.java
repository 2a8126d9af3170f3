package io.github.scllm.core.embed;

import io.github.scllm.core.RetryPolicy;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.local.Pooling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Plain settings from which {@link EmbeddingProviders#create(ProviderSettings)} builds any provider. Fields that a
 * kind does not use are ignored. Blank strings count as absent. {@link #toString()} never shows the API key.
 *
 * @param kind          which provider
 * @param model         model name (OpenAI, OpenAI-compatible, TEI: required except for OpenAI, whose default is
 *                      {@value #DEFAULT_OPENAI_MODEL}); Azure uses the deployment instead
 * @param baseUrl       OpenAI-compatible or TEI server URL, Azure resource endpoint, or an OpenAI proxy; null for
 *                      OpenAI's own endpoint
 * @param deployment    Azure deployment name
 * @param apiVersion    Azure {@code api-version}; null for {@value #DEFAULT_AZURE_API_VERSION}
 * @param dimensions    requested output dimensions, 0 for the model's native size
 * @param apiKey        the key itself (from KNIME credentials or a command line option), or null
 * @param apiKeyEnv     name of an environment variable holding the key, or null for the kind's default variable
 *                      ({@code OPENAI_API_KEY}, {@code AZURE_OPENAI_API_KEY})
 * @param concurrency   requests in flight at once, 1 to {@value #MAX_CONCURRENCY}
 * @param batchSize     texts per request, 0 for the provider's limit (OpenAI and Azure 2048, OpenAI-compatible
 *                      {@value #DEFAULT_COMPATIBLE_BATCH}, TEI {@value #DEFAULT_TEI_BATCH})
 * @param encoding      how vectors travel in OpenAI-style answers
 * @param timeout       connect, read and write timeout of one request
 * @param retry         retry policy of remote requests
 * @param threads       threads of an in-process model, at least 1
 * @param modelFile     model.onnx of an ONNX model
 * @param tokenizerFile tokenizer.json of an ONNX model
 * @param pooling       pooling of an ONNX model
 */
public record ProviderSettings(ProviderKind kind, String model, String baseUrl, String deployment, String apiVersion,
        int dimensions, String apiKey, String apiKeyEnv, int concurrency, int batchSize, Encoding encoding,
        Duration timeout, RetryPolicy retry, int threads, Path modelFile, Path tokenizerFile, Pooling pooling) {

    /** The model of the method's paper. */
    public static final String DEFAULT_OPENAI_MODEL = "text-embedding-ada-002";
    /** A generally available Azure OpenAI data-plane version with embeddings and {@code dimensions}. */
    public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";
    /** Upper bound of {@link #concurrency()}. */
    public static final int MAX_CONCURRENCY = 64;
    /** Default texts per request of OpenAI-compatible servers, whose batch limits vary. */
    public static final int DEFAULT_COMPATIBLE_BATCH = 256;
    /** TEI's default {@code --max-client-batch-size}. */
    public static final int DEFAULT_TEI_BATCH = 32;

    /** How an OpenAI-style server sends vectors. */
    public enum Encoding {
        /** base64 for OpenAI itself (a third of the bytes), JSON numbers for Azure and other servers. */
        AUTO,
        /** JSON numbers. */
        FLOAT,
        /** base64 of little-endian float32. */
        BASE64
    }

    /** The built-in local model with 4 requests in flight, 2 threads, default timeout and retries. */
    public static final ProviderSettings DEFAULTS = new ProviderSettings(ProviderKind.LOCAL, null, null, null, null, 0,
            null, null, 4, 0, Encoding.AUTO, Duration.ofSeconds(120), RetryPolicy.DEFAULTS, 2, null, null,
            Pooling.MEAN);

    /**
     * @throws InvalidInputException if a number is out of range or kind, encoding, timeout or retry is missing
     */
    public ProviderSettings {
        if (kind == null) {
            throw new InvalidInputException("No embedding provider chosen.");
        }
        model = blankToNull(model);
        baseUrl = blankToNull(baseUrl);
        deployment = blankToNull(deployment);
        apiVersion = blankToNull(apiVersion);
        apiKey = blankToNull(apiKey);
        apiKeyEnv = blankToNull(apiKeyEnv);
        if (dimensions < 0) {
            throw new InvalidInputException("Dimensions is " + dimensions + "; use 0 for the model's size or a "
                    + "positive number.");
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new InvalidInputException("Concurrency is " + concurrency + "; use 1 to " + MAX_CONCURRENCY + ".");
        }
        if (batchSize < 0) {
            throw new InvalidInputException("Batch size is " + batchSize + "; use 0 for the provider's limit or a "
                    + "positive number.");
        }
        if (threads < 1) {
            throw new InvalidInputException("Threads is " + threads + "; use at least 1.");
        }
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(retry, "retry");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("Request timeout must be positive, was " + timeout + ".");
        }
        if (pooling == null) {
            pooling = Pooling.MEAN;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return a builder starting from {@link #DEFAULTS} with another kind */
    public static Builder builder(ProviderKind kind) {
        return DEFAULTS.toBuilder().kind(kind);
    }

    /** @return the settings with the API key masked */
    @Override
    public String toString() {
        return "ProviderSettings[kind=" + kind.id() + ", model=" + model + ", baseUrl=" + baseUrl + ", deployment="
                + deployment + ", apiVersion=" + apiVersion + ", dimensions=" + dimensions + ", apiKey="
                + (apiKey == null ? "none" : "<redacted>") + ", apiKeyEnv=" + apiKeyEnv + ", concurrency="
                + concurrency + ", batchSize=" + batchSize + ", encoding=" + encoding + ", timeout=" + timeout
                + ", retry=" + retry + ", threads=" + threads + ", modelFile=" + modelFile + ", tokenizerFile="
                + tokenizerFile + ", pooling=" + pooling + "]";
    }

    /** Mutable builder of {@link ProviderSettings}; {@link #build()} validates. */
    public static final class Builder {
        private ProviderKind kind;
        private String model;
        private String baseUrl;
        private String deployment;
        private String apiVersion;
        private int dimensions;
        private String apiKey;
        private String apiKeyEnv;
        private int concurrency;
        private int batchSize;
        private Encoding encoding;
        private Duration timeout;
        private RetryPolicy retry;
        private int threads;
        private Path modelFile;
        private Path tokenizerFile;
        private Pooling pooling;

        private Builder(ProviderSettings s) {
            kind = s.kind;
            model = s.model;
            baseUrl = s.baseUrl;
            deployment = s.deployment;
            apiVersion = s.apiVersion;
            dimensions = s.dimensions;
            apiKey = s.apiKey;
            apiKeyEnv = s.apiKeyEnv;
            concurrency = s.concurrency;
            batchSize = s.batchSize;
            encoding = s.encoding;
            timeout = s.timeout;
            retry = s.retry;
            threads = s.threads;
            modelFile = s.modelFile;
            tokenizerFile = s.tokenizerFile;
            pooling = s.pooling;
        }

        /** @return this builder with {@link ProviderSettings#kind()} set to {@code v} */
        public Builder kind(ProviderKind v) {
            kind = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#model()} set to {@code v} */
        public Builder model(String v) {
            model = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#baseUrl()} set to {@code v} */
        public Builder baseUrl(String v) {
            baseUrl = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#deployment()} set to {@code v} */
        public Builder deployment(String v) {
            deployment = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#apiVersion()} set to {@code v} */
        public Builder apiVersion(String v) {
            apiVersion = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#dimensions()} set to {@code v} */
        public Builder dimensions(int v) {
            dimensions = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#apiKey()} set to {@code v} */
        public Builder apiKey(String v) {
            apiKey = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#apiKeyEnv()} set to {@code v} */
        public Builder apiKeyEnv(String v) {
            apiKeyEnv = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#concurrency()} set to {@code v} */
        public Builder concurrency(int v) {
            concurrency = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#batchSize()} set to {@code v} */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#encoding()} set to {@code v} */
        public Builder encoding(Encoding v) {
            encoding = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#timeout()} set to {@code v} */
        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#retry()} set to {@code v} */
        public Builder retry(RetryPolicy v) {
            retry = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#threads()} set to {@code v} */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#modelFile()} set to {@code v} */
        public Builder modelFile(Path v) {
            modelFile = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#tokenizerFile()} set to {@code v} */
        public Builder tokenizerFile(Path v) {
            tokenizerFile = v;
            return this;
        }

        /** @return this builder with {@link ProviderSettings#pooling()} set to {@code v} */
        public Builder pooling(Pooling v) {
            pooling = v;
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidInputException see {@link ProviderSettings#ProviderSettings}
         */
        public ProviderSettings build() {
            return new ProviderSettings(kind, model, baseUrl, deployment, apiVersion, dimensions, apiKey, apiKeyEnv,
                    concurrency, batchSize, encoding, timeout, retry, threads, modelFile, tokenizerFile, pooling);
        }
    }
}
