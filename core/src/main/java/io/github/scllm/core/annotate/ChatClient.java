package io.github.scllm.core.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.RetryPolicy;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends chat-completion requests to OpenAI, Azure OpenAI or any OpenAI-compatible server ({@code POST
 * .../chat/completions}) and returns the first choice. Authentication: {@code Authorization: Bearer} for OpenAI and
 * compatible servers (only when a key is known), the {@code api-key} header for Azure. Transient failures (408, 409,
 * 429, 5xx, timeouts) are retried by the settings' {@link RetryPolicy}, honouring {@code Retry-After}; a refused key,
 * exhausted quota or any other 4xx fails at once. The API key never appears in a message. Thread-safe; one request at
 * a time per call.
 */
public final class ChatClient {
    /** OpenAI's API base. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    /** Default environment variable of OpenAI's key. */
    public static final String OPENAI_KEY_ENV = "OPENAI_API_KEY";
    /** Default environment variable of Azure OpenAI's key. */
    public static final String AZURE_KEY_ENV = "AZURE_OPENAI_API_KEY";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_MEDIA = MediaType.get("application/json");
    private static final long ERROR_BODY_LIMIT = 64 * 1024;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final String REDACTED = "<redacted>";
    private static final OkHttpClient SHARED = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    private final ChatSettings settings;
    private final String provider;
    private final HttpUrl url;
    private final String apiKey;
    private final String keyAdvice;
    private final OkHttpClient http;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param settings where to send requests
     * @param env environment variable lookup for the key (e.g. {@code System::getenv})
     * @throws InvalidInputException if a URL is malformed or OpenAI/Azure has no key
     */
    public ChatClient(ChatSettings settings, Function<String, String> env) {
        this.settings = settings;
        this.http = SHARED.newBuilder().connectTimeout(settings.timeout()).readTimeout(settings.timeout())
            .writeTimeout(settings.timeout()).build();
        this.provider = switch (settings.kind()) {
            case OPENAI -> settings.baseUrl() == null ? "OpenAI" : "OpenAI at " + settings.baseUrl();
            case AZURE -> "Azure OpenAI at " + settings.baseUrl();
            default -> "OpenAI-compatible server at " + settings.baseUrl();
        };
        this.url = settings.kind() == ProviderKind.AZURE ? azureUrl(settings) : endpoint(settings.baseUrl() == null
            ? OPENAI_BASE_URL : settings.baseUrl());
        String var = settings.apiKeyEnv() != null ? settings.apiKeyEnv() : switch (settings.kind()) {
            case OPENAI -> OPENAI_KEY_ENV;
            case AZURE -> AZURE_KEY_ENV;
            default -> null;
        };
        if (settings.apiKey() != null) {
            apiKey = settings.apiKey();
            keyAdvice = "Check the API key given (the password of the chosen KNIME credentials).";
        } else if (var != null) {
            String v = env.apply(var);
            apiKey = v == null || v.isBlank() ? null : v.strip();
            keyAdvice = "Check the key in the environment variable " + var + ".";
            if (apiKey == null && (settings.kind() != ProviderKind.OPENAI_COMPATIBLE || settings.apiKeyEnv() != null)) {
                throw new InvalidInputException("No API key for " + provider + ": the environment variable " + var
                    + " is not set. Set it for the process that runs the annotation, or choose KNIME credentials "
                    + "whose password is the key.");
            }
        } else {
            apiKey = null;
            keyAdvice = "The server asks for a key: give KNIME credentials or an environment variable holding it.";
        }
    }

    /** @return the provider and model, the cache's notion of "the same model" */
    public String identity() {
        return settings.kind().id() + "\t" + settings.modelName() + "\t" + url;
    }

    /** @return the provider's name for messages */
    public String provider() {
        return provider;
    }

    /** @return the settings */
    public ChatSettings settings() {
        return settings;
    }

    /** @return HTTP requests sent since creation, retries included */
    public long requestsSent() {
        return requests.get();
    }

    private static HttpUrl parse(String base) {
        HttpUrl u = HttpUrl.parse(base);
        if (u == null) {
            throw new InvalidInputException("The base URL '" + base + "' is not an http(s) URL.");
        }
        return u;
    }

    /** The chat route under a base URL: as given when it ends in /chat/completions, /v1 added to a bare host. */
    static HttpUrl endpoint(String base) {
        HttpUrl u = parse(base);
        List<String> segs = u.pathSegments().stream().filter(p -> !p.isEmpty()).toList();
        if (segs.size() >= 2 && segs.get(segs.size() - 2).equals("chat") && segs.get(segs.size() - 1)
            .equals("completions")) {
            return u;
        }
        HttpUrl.Builder b = u.newBuilder();
        if (segs.isEmpty()) {
            b.encodedPath("/v1/");
        }
        return b.addPathSegment("chat").addPathSegment("completions").build();
    }

    private static HttpUrl azureUrl(ChatSettings s) {
        HttpUrl u = parse(s.baseUrl());
        List<String> segs = u.pathSegments().stream().filter(p -> !p.isEmpty()).toList();
        if (segs.size() >= 2 && segs.get(0).equals("openai") && segs.get(1).equals("v1")) {
            // Azure's v1 route: OpenAI's paths, the deployment as model in the body
            return endpoint(s.baseUrl());
        }
        return u.newBuilder().encodedPath("/openai/deployments/").addPathSegment(s.deployment())
            .addPathSegment("chat").addPathSegment("completions").setQueryParameter("api-version",
                s.apiVersion() == null ? ChatSettings.DEFAULT_AZURE_API_VERSION : s.apiVersion()).build();
    }

    /**
     * Completes the body after adding the model (except on Azure's classic route, where the path names the
     * deployment) and the token limit ({@code max_completion_tokens} for OpenAI and Azure, {@code max_tokens} for
     * compatible servers, which do not all know the newer name).
     *
     * @param body the request without model and token limit: messages, temperature, response_format
     * @return the body as sent
     */
    public ObjectNode prepare(ObjectNode body) {
        ObjectNode out = JSON.createObjectNode();
        if (settings.kind() != ProviderKind.AZURE || url.queryParameter("api-version") == null) {
            out.put("model", settings.modelName());
        }
        out.setAll(body);
        out.put(settings.kind() == ProviderKind.OPENAI_COMPATIBLE ? "max_tokens" : "max_completion_tokens",
            settings.maxTokens());
        return out;
    }

    /**
     * Sends a prepared request, with retries.
     *
     * @param prepared the body from {@link #prepare}
     * @param cancel checked before each attempt and while waiting
     * @return the first choice
     * @throws LlmServiceException when the service refuses, fails after all retries, or answers something that is
     *         not a chat completion
     * @throws CancelledException when cancelled
     */
    public ChatReply send(ObjectNode prepared, CancellationToken cancel) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(prepared);
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
        RetryPolicy retry = settings.retry();
        String lastProblem = "";
        int lastStatus = -1;
        for (int attempt = 1;; attempt++) {
            cancel.check();
            Request.Builder rb = new Request.Builder().url(url).post(RequestBody.create(bytes, JSON_MEDIA));
            if (apiKey != null) {
                if (settings.kind() == ProviderKind.AZURE) {
                    rb.header("api-key", apiKey);
                } else {
                    rb.header("Authorization", "Bearer " + apiKey);
                }
            }
            Call call = http.newCall(rb.build());
            long serverWait = -1;
            try (Response resp = call.execute()) {
                requests.incrementAndGet();
                int code = resp.code();
                if (resp.isSuccessful()) {
                    return read(resp.body().string(), code, attempt);
                }
                String body = resp.peekBody(ERROR_BODY_LIMIT).string();
                String detail = errorDetail(body);
                lastStatus = code;
                lastProblem = "HTTP " + code + (detail.isEmpty() ? "" : ": " + detail);
                if (code == 401 || code == 403) {
                    throw new LlmServiceException(redact(provider + " refused the request (" + lastProblem + "). "
                        + keyAdvice), code, attempt);
                }
                if (body.contains("insufficient_quota")) {
                    throw new LlmServiceException(redact(provider + " reports insufficient quota (" + lastProblem
                        + "): add credit or raise the spending limit; waiting does not help."), code, attempt);
                }
                String shouldRetry = resp.header("x-should-retry");
                boolean retryable = "true".equalsIgnoreCase(shouldRetry)
                    || (!"false".equalsIgnoreCase(shouldRetry) && RetryPolicy.isRetryableStatus(code));
                if (!retryable) {
                    throw new LlmServiceException(redact(provider + " refused the request (" + lastProblem + "); "
                        + (code == 404 ? "check the base URL and the model (or Azure deployment and api-version)."
                        : code == 400 ? "check the model name and that the model supports structured outputs "
                        + "(response_format json_schema)." : "check the provider settings.")), code, attempt);
                }
                serverWait = RetryPolicy.serverWaitNanos(resp.header("retry-after-ms"), resp.header("Retry-After"));
            } catch (UnknownHostException e) {
                throw new LlmServiceException(redact(provider + ": unknown host (" + e.getMessage() + "); check the "
                    + "base URL and the network connection."), -1, attempt);
            } catch (SSLException e) {
                throw new LlmServiceException(redact(provider + ": the secure connection failed (" + e.getMessage()
                    + "); check the base URL (http or https) and the server's certificate."), -1, attempt);
            } catch (IOException e) {
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                lastStatus = -1;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt >= retry.maxAttempts()) {
                throw new LlmServiceException(redact(provider + " failed after " + attempt + " attempts (last: "
                    + lastProblem + "); try again later or check that the server is running and reachable."),
                    lastStatus, attempt);
            }
            RetryPolicy.sleep(retry.waitNanos(attempt, serverWait), cancel);
        }
    }

    private ChatReply read(String body, int code, int attempt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new LlmServiceException(redact(provider + " answered HTTP " + code + " with a body that is not "
                + "JSON; check that the URL points at a chat-completions endpoint."), code, attempt);
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject() || !choice.path("message").isObject()) {
            throw new LlmServiceException(redact(provider + " answered JSON without choices[0].message; check that "
                + "the URL points at a chat-completions endpoint."), code, attempt);
        }
        JsonNode message = choice.get("message");
        return new ChatReply(text(message.get("content")), text(message.get("refusal")),
            choice.path("finish_reason").asText(""));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String errorDetail(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode e = root == null ? null : root.get("error");
            if (e != null && e.isObject()) {
                String m = e.path("message").asText("");
                String c = e.path("code").asText(e.path("type").asText(""));
                return shorten(m + (c.isEmpty() ? "" : " [" + c + "]"));
            }
            if (e != null && e.isTextual()) {
                return shorten(e.asText());
            }
        } catch (IOException e) {
            // not JSON: the raw text is reported
        }
        return shorten(body.strip().replaceAll("\\s+", " "));
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** @return the text with the API key and any bearer token masked */
    String redact(String text) {
        String out = apiKey == null ? text : text.replace(apiKey, REDACTED);
        return BEARER.matcher(out).replaceAll("$1" + REDACTED);
    }

}
