package io.github.scllm.core.genes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.RetryPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Client of NCBI E-utilities for the Gene database: esearch of a symbol within an organism, esummary of Gene IDs.
 *
 * <p>Polite by construction: a rate limiter shared by all threads using the client allows at most 3 requests in any
 * one-second window as NCBI receives them, 10 with an API key (NCBI's limits), however long each request takes on
 * the way (see {@link RateLimiter}); every request carries {@code tool} and, if given, {@code email}.
 * Transient failures (HTTP 408, 429, 5xx, timeouts, broken connections) are retried with exponential backoff and
 * jitter, honouring {@code Retry-After}; other HTTP errors fail at once. The API key is sent as a parameter and
 * never appears in a message or in {@link Options#toString()}. Thread-safe; close it to release connections.
 */
public final class NcbiClient implements AutoCloseable {
    /** Requests above this many IDs are sent as POST, as NCBI asks. */
    public static final int POST_THRESHOLD = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1_010); // 1 s plus clock granularity

    /**
     * Client settings.
     *
     * @param baseUrl E-utilities base URL (ends with {@code /eutils/}); tests point it at a local server
     * @param apiKey NCBI API key, or null; raises the rate limit to 10 requests per second
     * @param tool tool name sent with every request (no spaces)
     * @param email contact address sent with every request, or null
     * @param timeout connect, read and write timeout of one request
     * @param maxAttempts attempts per request including the first, at least 1
     * @param initialBackoff wait before the first retry; doubled for each further retry
     * @param maxBackoff upper bound of any wait, also of a server's Retry-After
     */
    public record Options(String baseUrl, String apiKey, String tool, String email, Duration timeout, int maxAttempts,
        Duration initialBackoff, Duration maxBackoff) {

        /** NCBI's public E-utilities endpoint. */
        public static final String NCBI_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";

        /** NCBI endpoint, no key, tool {@code scllm}, 30 s timeout, 5 attempts, backoff 1 s doubling up to 60 s. */
        public static final Options DEFAULTS = new Options(NCBI_BASE_URL, null, "scllm", null, Duration.ofSeconds(30), 5,
            Duration.ofSeconds(1), Duration.ofSeconds(60));

        /**
         * @throws InvalidInputException if the base URL is not an http(s) URL, the tool is blank or has spaces,
         *         a duration is not positive, or maxAttempts is below 1
         */
        public Options {
            if (baseUrl == null || HttpUrl.parse(baseUrl) == null) {
                throw new InvalidInputException("NCBI base URL '" + baseUrl + "' is not an http(s) URL; use "
                    + NCBI_BASE_URL + ".");
            }
            if (!baseUrl.endsWith("/")) {
                baseUrl = baseUrl + "/";
            }
            if (tool == null || tool.isBlank() || tool.contains(" ")) {
                throw new InvalidInputException("NCBI tool name '" + tool + "' must be a non-empty word without spaces.");
            }
            if (apiKey != null && apiKey.isBlank()) {
                apiKey = null;
            }
            if (email != null && email.isBlank()) {
                email = null;
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero() || initialBackoff == null
                || initialBackoff.isNegative() || maxBackoff == null || maxBackoff.isNegative()) {
                throw new InvalidInputException("NCBI timeout must be positive and backoff durations not negative.");
            }
            if (maxAttempts < 1) {
                throw new InvalidInputException("NCBI attempts per request is " + maxAttempts + "; use at least 1.");
            }
        }

        /** @return a copy with another base URL */
        public Options withBaseUrl(String url) {
            return new Options(url, apiKey, tool, email, timeout, maxAttempts, initialBackoff, maxBackoff);
        }

        /** @return a copy with an API key (null for none) */
        public Options withApiKey(String key) {
            return new Options(baseUrl, key, tool, email, timeout, maxAttempts, initialBackoff, maxBackoff);
        }

        /** @return a copy with tool name and contact address */
        public Options withContact(String toolName, String mail) {
            return new Options(baseUrl, apiKey, toolName, mail, timeout, maxAttempts, initialBackoff, maxBackoff);
        }

        /** @return a copy with other timeout and retry settings */
        public Options withRetries(Duration requestTimeout, int attempts, Duration firstBackoff, Duration maxWait) {
            return new Options(baseUrl, apiKey, tool, email, requestTimeout, attempts, firstBackoff, maxWait);
        }

        /** @return the settings with the API key masked */
        @Override
        public String toString() {
            return "Options[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "<redacted>") + ", tool=" + tool
                + ", email=" + email + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", initialBackoff="
                + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
        }
    }

    private final Options options;
    private final OkHttpClient http;
    private final RateLimiter limiter;
    private final HttpUrl base;

    /**
     * @param options settings
     */
    public NcbiClient(Options options) {
        this.options = options;
        this.base = HttpUrl.parse(options.baseUrl());
        this.http = new OkHttpClient.Builder()
            .connectTimeout(options.timeout())
            .readTimeout(options.timeout())
            .writeTimeout(options.timeout())
            .retryOnConnectionFailure(false) // retries are ours, rate-limited
            .build();
        this.limiter = new RateLimiter(requestsPerSecond(), WINDOW_NANOS);
    }

    /** @return the requests per second this client allows itself: 10 with an API key, else 3 */
    public int requestsPerSecond() {
        return options.apiKey() == null ? 3 : 10;
    }

    /**
     * Searches live genes by symbol (official or alias) in one organism.
     *
     * @param symbol a gene symbol; must not contain brackets or quotes
     * @param taxon NCBI taxonomy ID
     * @param cancel polled while waiting
     * @return matching Gene IDs in NCBI's order (at most 20), possibly empty
     * @throws NcbiException if NCBI fails after retries, refuses the request or answers unreadably
     * @throws InvalidInputException if the symbol contains characters of the query syntax
     */
    public List<String> searchGeneIds(String symbol, int taxon, CancellationToken cancel) {
        if (symbol.matches(".*[\\[\\]\"()].*") || symbol.isBlank()) {
            throw new InvalidInputException("Gene symbol '" + symbol + "' cannot be searched at NCBI: it is blank or "
                + "contains brackets or quotes.");
        }
        HttpUrl url = common(base.newBuilder().addPathSegment("esearch.fcgi"))
            .addQueryParameter("term", symbol + "[sym] AND txid" + taxon + "[orgn] AND alive[prop]")
            .addQueryParameter("retmax", "20")
            .build();
        String what = "esearch of " + symbol + " (taxon " + taxon + ")";
        JsonNode root = parse(call(new Request.Builder().url(url).get().build(), what, cancel), what);
        JsonNode r = root.get("esearchresult");
        if (r == null || !r.isObject()) {
            throw new NcbiException("NCBI " + what + " answered without 'esearchresult'" + errorOf(root)
                + "; try again later.", 200, null);
        }
        if (r.hasNonNull("ERROR")) {
            throw new NcbiException(redact("NCBI " + what + " reported an error: " + r.get("ERROR").asText()), 200, null);
        }
        // "no gene" only on a positive answer: a count of 0 with an empty list; anything else incomplete is an error,
        // so that it is never cached as "not found"
        JsonNode idList = r.get("idlist");
        int count = r.hasNonNull("count") ? toInt(r.get("count")) : -1;
        if (idList == null || !idList.isArray() || count < 0 || (count > 0 && idList.isEmpty())) {
            throw new NcbiException("NCBI " + what + " answered an incomplete result (count " + (count < 0 ? "missing"
                : count) + ", " + (idList == null || !idList.isArray() ? "no ID list" : idList.size() + " IDs")
                + "); try again later.", 200, null);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : idList) {
            ids.add(id.asText());
        }
        return ids;
    }

    /**
     * Fetches gene summaries; more than {@value #POST_THRESHOLD} IDs are sent in one POST.
     *
     * @param ids Gene IDs
     * @param cancel polled while waiting
     * @return records keyed by ID, in NCBI's order; unknown IDs have a non-null {@link NcbiGene#error()}
     * @throws NcbiException if NCBI fails after retries, refuses the request or answers unreadably
     */
    public Map<String, NcbiGene> summaries(Collection<String> ids, CancellationToken cancel) {
        Map<String, NcbiGene> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String joined = String.join(",", ids);
        String what = "esummary of " + ids.size() + " gene IDs";
        Request req;
        if (ids.size() > POST_THRESHOLD) {
            FormBody.Builder form = new FormBody.Builder().add("db", "gene").add("retmode", "json").add("tool",
                options.tool());
            if (options.email() != null) {
                form.add("email", options.email());
            }
            if (options.apiKey() != null) {
                form.add("api_key", options.apiKey());
            }
            form.add("id", joined);
            req = new Request.Builder().url(base.newBuilder().addPathSegment("esummary.fcgi").build())
                .post(form.build()).build();
        } else {
            req = new Request.Builder().url(common(base.newBuilder().addPathSegment("esummary.fcgi"))
                .addQueryParameter("id", joined).build()).get().build();
        }
        JsonNode root = parse(call(req, what, cancel), what);
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            throw new NcbiException("NCBI " + what + " answered without 'result'" + errorOf(root) + "; try again later.",
                200, null);
        }
        for (JsonNode u : result.path("uids")) {
            String uid = u.asText();
            JsonNode g = result.path(uid);
            if (!g.isObject()) {
                throw new NcbiException("NCBI " + what + " listed Gene ID " + uid + " without its record (an incomplete "
                    + "answer); try again later.", 200, null);
            }
            List<String> aliases = new ArrayList<>();
            for (String a : g.path("otheraliases").asText("").split(",")) {
                if (!a.isBlank()) {
                    aliases.add(a.trim());
                }
            }
            String current = g.path("currentid").asText("");
            out.put(uid, new NcbiGene(uid, g.path("name").asText(""), g.path("description").asText(""),
                g.path("summary").asText(""), toInt(g.path("status")), current.isBlank() || current.equals("0") ? null
                    : current, aliases, toInt(g.path("organism").path("taxid")),
                g.hasNonNull("error") ? g.get("error").asText() : null));
        }
        for (String id : ids) {
            if (!out.containsKey(id)) {
                throw new NcbiException("NCBI " + what + " did not list Gene ID " + id + " (an incomplete answer); try "
                    + "again later.", 200, null);
            }
        }
        return out;
    }

    private static int toInt(JsonNode n) {
        if (n.isNumber()) {
            return n.asInt();
        }
        try {
            return Integer.parseInt(n.asText("0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private HttpUrl.Builder common(HttpUrl.Builder b) {
        b.addQueryParameter("db", "gene").addQueryParameter("retmode", "json").addQueryParameter("tool", options.tool());
        if (options.email() != null) {
            b.addQueryParameter("email", options.email());
        }
        if (options.apiKey() != null) {
            b.addQueryParameter("api_key", options.apiKey());
        }
        return b;
    }

    private String errorOf(JsonNode root) {
        JsonNode e = root.get("error");
        return e == null ? "" : redact(" (error: " + e.asText() + ")");
    }

    private JsonNode parse(String body, String what) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new NcbiException("NCBI " + what + " did not answer with a JSON object; try again later.", 200,
                    null);
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new NcbiException(redact("NCBI " + what + " answered malformed JSON (" + e.getOriginalMessage()
                + "); try again later or report it if it persists."), 200, null);
        }
    }

    /** Sends a request with rate limiting and retries; returns the body of a 2xx answer. */
    private String call(Request request, String what, CancellationToken cancel) {
        int lastStatus = -1;
        String lastProblem = "";
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            long retryAfterNanos = -1;
            // the permit is held until the answer is read, so NCBI never sees more than the limit in any second
            try (RateLimiter.Permit permit = limiter.acquire(cancel); Response resp = http.newCall(request).execute()) {
                int code = resp.code();
                ResponseBody body = resp.body();
                String text = body == null ? "" : body.string();
                if (resp.isSuccessful()) {
                    return text;
                }
                lastStatus = code;
                lastProblem = "HTTP " + code + snippet(text);
                if (!RetryPolicy.isRetryableStatus(code)) {
                    // a request NCBI refuses will be refused again
                    throw new NcbiException(redact("NCBI " + what + " was refused: " + lastProblem
                        + (code == 400 || code == 401 || code == 403 ? "; check the API key, tool and email settings."
                            : "; check the request.")), code, null);
                }
                retryAfterNanos = RetryPolicy.serverWaitNanos(null, resp.header("Retry-After"));
            } catch (IOException e) {
                lastStatus = -1;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt == options.maxAttempts()) {
                break;
            }
            long wait = retryAfterNanos >= 0 ? retryAfterNanos : backoff(attempt);
            RetryPolicy.sleep(Math.min(wait, options.maxBackoff().toNanos()), cancel);
        }
        throw new NcbiException(redact("NCBI " + what + " failed after " + options.maxAttempts() + " attempts (last: "
            + lastProblem + "); check the network connection or try again later."), lastStatus, null);
    }

    private long backoff(int attempt) {
        long base = options.initialBackoff().toNanos() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, options.maxBackoff().toNanos());
        // equal jitter: half fixed, half random, so parallel clients spread out
        return capped / 2 + (long) (ThreadLocalRandom.current().nextDouble() * (capped / 2.0));
    }


    private static String snippet(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (b.isEmpty()) {
            return "";
        }
        return " (" + (b.length() > 200 ? b.substring(0, 200) + "..." : b) + ")";
    }

    /** @return the text with every occurrence of the API key masked */
    String redact(String text) {
        String key = options.apiKey();
        return key == null || text == null ? text : text.replace(key, "<redacted>");
    }

    /** Releases connections and threads. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
