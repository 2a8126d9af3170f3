package io.github.scllm.core.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A local embeddings server in the shapes of OpenAI's {@code CreateEmbeddingResponse} ({@code /embeddings} routes,
 * also Azure's deployment route) and text-embeddings-inference's {@code /embed} (array of vectors). Vectors are a
 * deterministic function of the text (see {@link #vectorOf}), answered as JSON numbers or base64 little-endian
 * float32 as the request asks, optionally in reversed index order. Scripted responses are served first; a failure
 * can be switched on from the n-th request. Counts requests, texts, and the most requests in flight at once.
 */
final class FakeEmbeddingServer extends Dispatcher {
    /** A request as received, with its parsed JSON body. */
    record Received(RecordedRequest request, JsonNode body) {
        List<String> inputs() {
            JsonNode in = body.has("input") ? body.get("input") : body.get("inputs");
            List<String> out = new ArrayList<>();
            in.forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int dimension;
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong texts = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile boolean reverseOrder;
    private volatile long handlingMillis;
    private volatile int failFromRequest = Integer.MAX_VALUE;
    private volatile MockResponse failure;
    private final AtomicInteger answered = new AtomicInteger();
    private volatile String failMarker;
    private volatile MockResponse markerFailure;
    private volatile String otherModelMarker;

    FakeEmbeddingServer(int dimension) {
        this.dimension = dimension;
    }

    FakeEmbeddingServer then(MockResponse r) {
        synchronized (scripted) {
            scripted.add(r);
        }
        return this;
    }

    FakeEmbeddingServer reverseOrder() {
        reverseOrder = true;
        return this;
    }

    /** Each request takes this long to handle, so parallel requests overlap. */
    FakeEmbeddingServer handlingMillis(long ms) {
        handlingMillis = ms;
        return this;
    }

    /** From the {@code n}-th embedding request on (1-based, scripted ones not counted), answer {@code r}. */
    FakeEmbeddingServer failFrom(int n, MockResponse r) {
        failure = r;
        failFromRequest = n;
        return this;
    }

    /** A request whose first text starts with {@code marker} is answered {@code r} at once, before any delay. */
    FakeEmbeddingServer failWhenFirstTextStartsWith(String marker, MockResponse r) {
        markerFailure = r;
        failMarker = marker;
        return this;
    }

    /** Texts starting with {@code marker} get vectors of half the dimension, as if another model answered them. */
    FakeEmbeddingServer otherModelFor(String marker) {
        otherModelMarker = marker;
        return this;
    }

    FakeEmbeddingServer healthy() {
        failFromRequest = Integer.MAX_VALUE;
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** @return texts answered with vectors (failed and scripted requests not counted) */
    long textsEmbedded() {
        return texts.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse openAiError(int code, String message, String type, String errorCode) {
        return json(code, "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"param\":null,"
                + "\"code\":" + (errorCode == null ? "null" : quote(errorCode)) + "}}");
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vector served for a text: components in [-1, 1) from the SHA-256 of the text and the component index. */
    static float[] vectorOf(String text, int dimension) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] seed = md.digest(text.getBytes(StandardCharsets.UTF_8));
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                int b = seed[j % seed.length] & 0xff;
                int c = seed[(j * 7 + 3) % seed.length] & 0xff;
                v[j] = ((b * 256 + c + j * 31) % 65536) / 32768f - 1f;
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            JsonNode body;
            try {
                body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
            } catch (IOException e) {
                return json(400, "{\"error\":{\"message\":\"body is not JSON\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":null}}");
            }
            received.add(new Received(request, body));
            synchronized (scripted) {
                if (!scripted.isEmpty()) {
                    return scripted.poll();
                }
            }
            String marker = failMarker;
            JsonNode inputs = body.has("input") ? body.get("input") : body.get("inputs");
            if (marker != null && inputs != null && inputs.path(0).asText().startsWith(marker)) {
                return markerFailure;
            }
            if (handlingMillis > 0) {
                Thread.sleep(handlingMillis);
            }
            if (answered.incrementAndGet() >= failFromRequest) {
                return failure;
            }
            String path = request.getUrl().encodedPath();
            if (path.endsWith("/embed")) {
                return tei(body);
            }
            if (path.endsWith("/embeddings")) {
                return openAi(body);
            }
            return json(404, "{\"error\":\"unknown route " + path + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json(503, "{\"error\":\"interrupted\"}");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private MockResponse openAi(JsonNode body) {
        JsonNode input = body.get("input");
        if (input == null || !input.isArray() || input.isEmpty()) {
            return openAiError(400, "'input' must be a non-empty array", "invalid_request_error", null);
        }
        boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
        int dim = body.has("dimensions") ? body.get("dimensions").asInt() : dimension;
        int n = input.size();
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int k = 0; k < n; k++) {
            int i = reverseOrder ? n - 1 - k : k;
            String text = input.get(i).asText();
            float[] v = vectorOf(text, otherModelMarker != null && text.startsWith(otherModelMarker) ? dim / 2 : dim);
            if (k > 0) {
                b.append(',');
            }
            b.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":");
            if (base64) {
                ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(v);
                b.append('"').append(Base64.getEncoder().encodeToString(bb.array())).append('"');
            } else {
                appendFloats(b, v);
            }
            b.append('}');
        }
        b.append("],\"model\":").append(quote(body.path("model").asText("deployment")))
                .append(",\"usage\":{\"prompt_tokens\":").append(n * 5).append(",\"total_tokens\":").append(n * 5)
                .append("}}");
        texts.addAndGet(n);
        return json(200, b.toString());
    }

    private MockResponse tei(JsonNode body) {
        JsonNode input = body.get("inputs");
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < input.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            appendFloats(b, vectorOf(input.get(i).asText(), dimension));
        }
        texts.addAndGet(input.size());
        return json(200, b.append(']').toString());
    }

    private static void appendFloats(StringBuilder b, float[] v) {
        b.append('[');
        for (int j = 0; j < v.length; j++) {
            if (j > 0) {
                b.append(',');
            }
            b.append(v[j]);
        }
        b.append(']');
    }
}
