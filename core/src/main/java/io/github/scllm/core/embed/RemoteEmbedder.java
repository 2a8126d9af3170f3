package io.github.scllm.core.embed;

import io.github.scllm.core.RetryPolicy;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * What every HTTP embedding provider shares: splitting texts into requests within the provider's limits, shortening
 * over-long texts, a bounded number of requests in flight, retries by {@link RetryPolicy}, vectors placed by
 * position, dimension checks, and an API key that never appears in a message. Subclasses build one request and read
 * one answer.
 */
abstract class RemoteEmbedder implements TextEmbedder {
    static final MediaType JSON_MEDIA = MediaType.get("application/json");
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonFactory JSON_FACTORY = JSON.getFactory();
    /** Error bodies are read up to this size for messages; real ones are a few hundred bytes. */
    private static final long ERROR_BODY_LIMIT = 64 * 1024;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final String REDACTED = "<redacted>";

    /** One client for the whole process, so embedders share its connection pool; each derives its timeouts. */
    private static final OkHttpClient SHARED = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private static final AtomicInteger POOL_COUNT = new AtomicInteger();

    /** Provider limits: texts per request, estimated tokens per text and per request (-1: none). */
    record Limits(int maxInputs, long maxTokensPerInput, long maxTokensPerRequest) {
    }

    /** A contiguous run of texts sent in one request. */
    private record Batch(int from, List<String> texts) {
    }

    private record Done(Batch batch, float[][] vectors) {
    }

    /** Name for messages, e.g. "OpenAI" or "OpenAI-compatible server at http://localhost:11434/v1/embeddings". */
    protected final String provider;
    private final String apiKey;
    private final String keyAdvice;
    private final Limits limits;
    private final RetryPolicy retry;
    private final OkHttpClient http;
    private final ExecutorService pool;
    private final int concurrency;
    private final int requestedDimensions;
    private final AtomicInteger dimension = new AtomicInteger(-1);
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong textsSent = new AtomicLong();
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param provider            name for messages
     * @param settings            concurrency, timeout, retry, dimensions
     * @param apiKey              the key, or null when the server needs none
     * @param keyAdvice           where the key came from and how to fix it, for auth errors
     * @param limits              the provider's limits
     */
    RemoteEmbedder(String provider, ProviderSettings settings, String apiKey, String keyAdvice, Limits limits) {
        this.provider = provider;
        this.apiKey = apiKey;
        this.keyAdvice = keyAdvice;
        this.limits = limits;
        this.retry = settings.retry();
        this.concurrency = settings.concurrency();
        this.requestedDimensions = settings.dimensions();
        // the call timeout bounds a whole attempt, so a server that hangs or trickles costs at most timeout x attempts
        this.http = SHARED.newBuilder().connectTimeout(settings.timeout()).readTimeout(settings.timeout())
                .writeTimeout(settings.timeout()).callTimeout(settings.timeout()).build();
        int poolId = POOL_COUNT.incrementAndGet();
        AtomicInteger threadId = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "scllm-embed-" + poolId + "-" + threadId.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(concurrency, tf);
    }

    /** @return the request that embeds {@code texts}, with its authentication header */
    protected abstract Request buildRequest(List<String> texts);

    /**
     * Reads a successful answer.
     *
     * @param in    the body
     * @param count texts sent
     * @return one vector per text, in the order sent
     * @throws IOException when the body is not JSON
     * @throws EmbeddingServiceException when the JSON is not the expected shape
     */
    protected abstract float[][] readVectors(InputStream in, int count) throws IOException;

    /** @return the key, or null; for subclasses building headers only */
    protected final String apiKey() {
        return apiKey;
    }

    /** @return requests sent since creation, retries included */
    public final long requestsSent() {
        return requests.get();
    }

    /** @return texts sent since creation, counted once per successful request */
    public final long textsSent() {
        return textsSent.get();
    }

    @Override
    public final long truncatedTexts() {
        return truncated.get();
    }

    @Override
    public final float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress) {
        return embed(texts, cancel, progress, BatchListener.NONE);
    }

    @Override
    public final float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress,
            BatchListener listener) {
        int n = texts.size();
        float[][] out = new float[n][];
        if (n == 0) {
            return out;
        }
        List<Batch> batches = batches(texts);
        CompletionService<Done> done = new ExecutorCompletionService<>(pool);
        List<Future<Done>> futures = new ArrayList<>(batches.size());
        AtomicBoolean stopping = new AtomicBoolean();
        for (Batch b : batches) {
            futures.add(done.submit(() -> {
                try {
                    return new Done(b, send(b.texts(), cancel, stopping));
                } catch (RuntimeException e) {
                    stopping.set(true); // at once, so that no queued batch starts before the failure is seen
                    throw e;
                }
            }));
        }
        int finishedTexts = 0;
        EngineException failure = null;
        try {
            for (int remaining = batches.size(); remaining > 0;) {
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                Future<Done> f = done.poll(100, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                remaining--;
                try {
                    Done d = f.get();
                    deliver(d, texts, out, listener);
                    finishedTexts += d.vectors().length;
                    progress.progress(finishedTexts / (double) n, finishedTexts + " of " + n + " texts embedded by "
                            + provider);
                } catch (ExecutionException | EngineException e) {
                    // after the first failure no new request starts, but the requests in flight are paid for: they
                    // are awaited and delivered, and the first failure is reported at the end
                    if (failure == null) {
                        failure = asEngineException(e);
                        stopping.set(true);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            for (Future<Done> f : futures) {
                f.cancel(true);
            }
            for (Call c : inFlight) {
                c.cancel();
            }
        }
    }

    private EngineException asEngineException(Exception e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        if (cause instanceof EngineException ee) {
            return ee;
        }
        return new EmbeddingServiceException(redact("Embedding with " + provider + " failed unexpectedly: " + cause),
                -1, 0);
    }

    private void deliver(Done d, List<String> texts, float[][] out, BatchListener listener) {
        checkVectors(d, texts);
        System.arraycopy(d.vectors(), 0, out, d.batch().from(), d.vectors().length);
        textsSent.addAndGet(d.vectors().length);
        listener.batchDone(d.batch().from(), d.vectors());
    }

    /**
     * Splits texts into contiguous requests within the limits, shortening over-long texts first.
     *
     * <p>Tokens are estimated without a tokenizer as the UTF-8 byte length of the text. That is an upper bound for
     * byte-level BPE tokenizers such as OpenAI's (every token stands for at least one byte), so a request planned this
     * way never exceeds a token limit; English prose has about four bytes per token, so the estimate is about four
     * times the true count, which costs a few more requests and shortens only texts above ~8 KB, far longer than a
     * gene description.
     */
    private List<Batch> batches(List<String> texts) {
        List<Batch> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int from = 0;
        long tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null || t.isBlank()) {
                throw new InvalidInputException("Text " + (i + 1) + " of " + texts.size() + " is "
                        + (t == null ? "missing" : "blank") + "; " + provider + " cannot embed it. Filter such rows "
                        + "first.");
            }
            if (limits.maxTokensPerInput() > 0 && estimateTokens(t) > limits.maxTokensPerInput()) {
                t = truncateToBytes(t, limits.maxTokensPerInput());
                truncated.incrementAndGet();
            }
            long cost = estimateTokens(t);
            boolean full = current.size() >= limits.maxInputs()
                    || (limits.maxTokensPerRequest() > 0 && tokens + cost > limits.maxTokensPerRequest());
            if (full && !current.isEmpty()) {
                out.add(new Batch(from, List.copyOf(current)));
                current.clear();
                tokens = 0;
                from = i;
            }
            current.add(t);
            tokens += cost;
        }
        if (!current.isEmpty()) {
            out.add(new Batch(from, List.copyOf(current)));
        }
        return out;
    }

    /** @return the token estimate of a text: its UTF-8 byte length (see {@link #batches}) */
    static long estimateTokens(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** @return the longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, never splitting a pair */
    static String truncateToBytes(String text, long maxBytes) {
        long bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    private void checkVectors(Done d, List<String> texts) {
        float[][] vectors = d.vectors();
        VectorChecks.requireUsable(provider, vectors, texts, d.batch().from(), VectorChecks.Expected.FROM_ANSWER);
        if (vectors.length == 0) {
            return;
        }
        int length = vectors[0].length;
        if (requestedDimensions > 0 && length != requestedDimensions) {
            throw new EmbeddingServiceException(provider + " answered vectors of " + length
                    + " dimensions although " + requestedDimensions + " were requested: the model or server "
                    + "ignores 'dimensions'; set dimensions to 0 or choose a model that supports it.", 200, 1);
        }
        int known = dimension.compareAndExchange(-1, length);
        if (known != -1) {
            VectorChecks.requireUsable(provider, vectors, texts, d.batch().from(), new VectorChecks.Expected(known,
                    "earlier answers have", "The server must serve one model: check the model name and the server."));
        }
    }

    /** Sends one batch with retries; returns its vectors in the order sent. */
    private float[][] send(List<String> texts, CancellationToken cancel, AtomicBoolean stopping) {
        int lastStatus = -1;
        String lastProblem = "";
        for (int attempt = 1;; attempt++) {
            cancel.check();
            stopIf(stopping);
            Call call = http.newCall(buildRequest(texts));
            inFlight.add(call);
            long serverWait = -1;
            try (Response resp = call.execute()) {
                requests.incrementAndGet();
                int code = resp.code();
                if (resp.isSuccessful()) {
                    ResponseBody body = resp.body();
                    try (InputStream in = body.byteStream()) {
                        return readVectors(in, texts.size());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new EmbeddingServiceException(redact(provider + " answered malformed JSON ("
                                + e.getOriginalMessage() + "); check that the URL points at an embeddings endpoint "
                                + "and that no proxy rewrites the answer."), code, attempt);
                    }
                }
                String body = resp.peekBody(ERROR_BODY_LIMIT).string();
                ErrorInfo err = ErrorInfo.of(body);
                lastStatus = code;
                lastProblem = "HTTP " + code + err.forMessage();
                if (code == 401) {
                    throw new EmbeddingServiceException(redact(provider + " refused the API key (" + lastProblem
                            + "). " + keyAdvice), code, attempt);
                }
                if (code == 403) {
                    throw new EmbeddingServiceException(redact(provider + " denied access (" + lastProblem
                            + "): the key lacks permission for this model or endpoint, or the region is not "
                            + "supported. Check the key's project and the model. " + keyAdvice), code, attempt);
                }
                if (err.isQuota()) {
                    throw new EmbeddingServiceException(redact(provider + " reports insufficient quota ("
                            + lastProblem + "): the account has no credit or has reached its spending limit. Add "
                            + "credit or raise the limit in the provider's billing settings, then run again; waiting "
                            + "does not help."), code, attempt);
                }
                String shouldRetry = resp.header("x-should-retry");
                boolean retryable = "true".equalsIgnoreCase(shouldRetry)
                        || (!"false".equalsIgnoreCase(shouldRetry) && RetryPolicy.isRetryableStatus(code));
                if (!retryable) {
                    throw new EmbeddingServiceException(redact(provider + " refused the request (" + lastProblem
                            + "); " + refusalAdvice(code)), code, attempt);
                }
                serverWait = RetryPolicy.serverWaitNanos(resp.header("retry-after-ms"), resp.header("Retry-After"));
            } catch (UnknownHostException e) {
                throw new EmbeddingServiceException(redact(provider + ": unknown host (" + e.getMessage()
                        + "); check the base URL and the network connection."), -1, attempt);
            } catch (SSLException e) {
                throw new EmbeddingServiceException(redact(provider + ": the secure connection failed ("
                        + e.getMessage() + "); check the base URL (http or https) and the server's certificate."),
                        -1, attempt);
            } catch (IOException e) {
                // a call cancelled by its own timeout is a timeout, retried; any other cancellation is the user's
                if (cancel.isCancelled() || (call.isCanceled() && !(e instanceof InterruptedIOException))) {
                    throw new CancelledException();
                }
                lastStatus = -1;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } finally {
                inFlight.remove(call);
            }
            if (attempt >= retry.maxAttempts()) {
                throw new EmbeddingServiceException(redact(provider + " failed after " + attempt + " attempts (last: "
                        + lastProblem + "); try again later, lower the concurrency, or check that the server is "
                        + "running and reachable."), lastStatus, attempt);
            }
            stopIf(stopping);
            RetryPolicy.sleep(retry.waitNanos(attempt, serverWait), cancel);
        }
    }

    /** Another batch failed: this one sends nothing more (the failure reported is the other's). */
    private static void stopIf(AtomicBoolean stopping) {
        if (stopping.get()) {
            throw new EngineException("stopped after another request failed");
        }
    }

    private String refusalAdvice(int code) {
        return switch (code) {
            case 400 -> "check the model name, the dimensions and that the texts are plain text.";
            case 404 -> "check the base URL, the model name (or Azure deployment and api-version).";
            case 413 -> "the request is too large for the server: lower the batch size.";
            case 422 -> "the server cannot process a text (too long or not tokenizable): lower the batch size or "
                    + "shorten the texts.";
            default -> "check the provider settings.";
        };
    }


    /** @return the text with the API key and any bearer token masked */
    final String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = apiKey == null ? text : text.replace(apiKey, REDACTED);
        return BEARER.matcher(out).replaceAll("$1" + REDACTED);
    }

    /** Reads a JSON array of numbers at the current START_ARRAY token. */
    static float[] readFloatArray(JsonParser p, String what) throws IOException {
        float[] buf = new float[256];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw new EmbeddingServiceException("An answer held a non-number (" + t + ") in " + what
                        + "; the server is not an embeddings endpoint.", 200, 1);
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = p.getFloatValue();
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    /** Fields of an error body in OpenAI's ({"error":{message,type,code}}) or TEI/Ollama's ({"error":"..."}) shape. */
    record ErrorInfo(String message, String type, String code, String raw) {
        static ErrorInfo of(String body) {
            try {
                JsonNode root = JSON.readTree(body);
                if (root != null && root.isObject()) {
                    JsonNode e = root.get("error");
                    if (e != null && e.isObject()) {
                        return new ErrorInfo(text(e.get("message")), text(e.get("type")), text(e.get("code")), body);
                    }
                    if (e != null && e.isTextual()) {
                        return new ErrorInfo(e.asText(), text(root.get("error_type")), null, body);
                    }
                    if (root.hasNonNull("message")) {
                        return new ErrorInfo(text(root.get("message")), null, null, body);
                    }
                }
            } catch (IOException e) {
                // not JSON: the raw text is reported
            }
            return new ErrorInfo(null, null, null, body);
        }

        private static String text(JsonNode n) {
            return n == null || n.isNull() ? null : n.asText();
        }

        boolean isQuota() {
            return "insufficient_quota".equals(code) || "insufficient_quota".equals(type);
        }

        String forMessage() {
            String m = message != null ? message + (code != null ? " [" + code + "]" : type != null ? " [" + type
                    + "]" : "") : raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
            if (m.isEmpty()) {
                return "";
            }
            return ": " + (m.length() > 300 ? m.substring(0, 300) + "..." : m);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        for (Call c : inFlight) {
            c.cancel();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
