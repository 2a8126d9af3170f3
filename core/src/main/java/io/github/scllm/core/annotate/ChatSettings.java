package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.RetryPolicy;

import java.time.Duration;

/**
 * Where and how {@link ChatClient} asks a chat model. Blank strings count as absent. {@link #toString()} never shows
 * the API key.
 *
 * @param kind {@link ProviderKind#OPENAI}, {@link ProviderKind#AZURE} or {@link ProviderKind#OPENAI_COMPATIBLE}
 *        (Ollama, vLLM, llama.cpp, LM Studio, ...)
 * @param model the model name (OpenAI and compatible servers; required there); Azure uses the deployment
 * @param baseUrl OpenAI-compatible server URL (e.g. {@code http://localhost:11434/v1}), Azure resource endpoint, or
 *        an OpenAI proxy; null for OpenAI's own endpoint
 * @param deployment Azure deployment name
 * @param apiVersion Azure {@code api-version}; null for {@value #DEFAULT_AZURE_API_VERSION}
 * @param apiKey the key itself (from KNIME credentials), or null
 * @param apiKeyEnv the environment variable holding the key, or null for the kind's default ({@code OPENAI_API_KEY},
 *        {@code AZURE_OPENAI_API_KEY}; compatible servers get a key only when one is named)
 * @param timeout connect, read and write timeout of one request; positive
 * @param retry retries of transient failures (429, 5xx, timeouts)
 * @param maxTokens the answer's token limit, at least 64
 */
public record ChatSettings(ProviderKind kind, String model, String baseUrl, String deployment, String apiVersion,
    String apiKey, String apiKeyEnv, Duration timeout, RetryPolicy retry, int maxTokens) {

    /** An Azure OpenAI data-plane version with structured outputs (json_schema). */
    public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";
    /** Default answer limit: a structured call is a few hundred tokens. */
    public static final int DEFAULT_MAX_TOKENS = 1024;
    /** Default timeout of one request; large local models can take minutes to answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    /**
     * @throws InvalidInputException if the kind is not a chat provider, a number is out of range, or a name the kind
     *         needs is missing
     */
    public ChatSettings {
        if (kind != ProviderKind.OPENAI && kind != ProviderKind.AZURE && kind != ProviderKind.OPENAI_COMPATIBLE) {
            throw new InvalidInputException("Chat provider " + (kind == null ? "none" : kind.id()) + " cannot "
                + "answer chat completions; choose openai, azure or openai-compatible.");
        }
        model = blankToNull(model);
        baseUrl = blankToNull(baseUrl);
        deployment = blankToNull(deployment);
        apiVersion = blankToNull(apiVersion);
        apiKey = blankToNull(apiKey);
        apiKeyEnv = blankToNull(apiKeyEnv);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("Request timeout must be positive, was " + timeout + ".");
        }
        if (retry == null) {
            retry = RetryPolicy.DEFAULTS;
        }
        if (maxTokens < 64) {
            throw new InvalidInputException("Maximum answer tokens is " + maxTokens + "; use at least 64 (default "
                + DEFAULT_MAX_TOKENS + ").");
        }
        switch (kind) {
            case OPENAI -> require(model, "OpenAI needs a chat model name, e.g. gpt-4o-mini.");
            case AZURE -> {
                require(baseUrl, "Azure OpenAI needs the resource endpoint as base URL, e.g. "
                    + "https://my-resource.openai.azure.com.");
                require(deployment, "Azure OpenAI needs the deployment name of the chat model (Azure portal, "
                    + "Deployments).");
            }
            default -> {
                require(baseUrl, "An OpenAI-compatible server needs its base URL, e.g. http://localhost:11434/v1 "
                    + "(Ollama) or http://localhost:8000/v1 (vLLM).");
                require(model, "An OpenAI-compatible server needs the model name it serves, e.g. llama3.1:8b.");
            }
        }
    }

    /**
     * @param kind the provider
     * @param model the model (or Azure deployment)
     * @param baseUrl the server, or null for OpenAI
     * @return settings with default timeout, retries and token limit, the key from the kind's default variable
     */
    public static ChatSettings of(ProviderKind kind, String model, String baseUrl) {
        return new ChatSettings(kind, kind == ProviderKind.AZURE ? null : model, baseUrl,
            kind == ProviderKind.AZURE ? model : null, null, null, null, DEFAULT_TIMEOUT, RetryPolicy.DEFAULTS,
            DEFAULT_MAX_TOKENS);
    }

    /** @return these settings with another retry policy */
    public ChatSettings withRetry(RetryPolicy r) {
        return new ChatSettings(kind, model, baseUrl, deployment, apiVersion, apiKey, apiKeyEnv, timeout, r,
            maxTokens);
    }

    /** @return these settings with the key given directly (e.g. from KNIME credentials) */
    public ChatSettings withApiKey(String key) {
        return new ChatSettings(kind, model, baseUrl, deployment, apiVersion, key, apiKeyEnv, timeout, retry,
            maxTokens);
    }

    /** @return these settings with the key read from another environment variable */
    public ChatSettings withApiKeyEnv(String variable) {
        return new ChatSettings(kind, model, baseUrl, deployment, apiVersion, apiKey, variable, timeout, retry,
            maxTokens);
    }

    /** @return the model the answers come from: the model name, or the Azure deployment */
    public String modelName() {
        return kind == ProviderKind.AZURE ? deployment : model;
    }

    private static void require(String value, String message) {
        if (value == null) {
            throw new InvalidInputException(message);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "ChatSettings[kind=" + kind.id() + ", model=" + model + ", baseUrl=" + baseUrl + ", deployment="
            + deployment + ", apiVersion=" + apiVersion + ", apiKey=" + (apiKey == null ? "none" : "<redacted>")
            + ", apiKeyEnv=" + apiKeyEnv + ", timeout=" + timeout + ", retry=" + retry + ", maxTokens=" + maxTokens
            + "]";
    }
}
