package io.github.scllm.core.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local OpenAI-compatible {@code /v1/embeddings} server for command tests: answers each input with a vector that
 * depends only on the text ({@link #vectorOf}), as JSON numbers, and records every request body. A status other than
 * 200 can be set to answer every request with an OpenAI-shaped error instead.
 */
final class EmbeddingTestServer extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int dimension;
    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> answeredTexts = Collections.synchronizedList(new ArrayList<>());
    private volatile int failWith;
    private volatile int answerLimit = Integer.MAX_VALUE;
    /** Requests admitted under {@link #answerAtMost}, and requests whose answer is complete. */
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    EmbeddingTestServer(int dimension) throws IOException {
        this.dimension = dimension;
        server.setDispatcher(this);
        server.start(0);
    }

    /** @return the base URL to give to {@code --base-url} */
    String baseUrl() {
        return server.url("/v1").toString();
    }

    /** Answer every later request with this HTTP status and an error body (0: answer normally). */
    void failWith(int status) {
        failWith = status;
    }

    /** Answer this many embedding requests; later ones hang until {@link #answerAll()} (or the server stops). */
    void answerAtMost(int requests) {
        answerLimit = requests;
    }

    /** Lifts {@link #answerAtMost}. */
    void answerAll() {
        answerLimit = Integer.MAX_VALUE;
        release.countDown();
    }

    /** @return embedding requests answered with vectors so far */
    int answered() {
        return completed.get();
    }

    /** @return the texts of the requests answered with vectors so far */
    List<String> textsAnswered() {
        synchronized (answeredTexts) {
            return List.copyOf(answeredTexts);
        }
    }

    /** @return the JSON bodies of the requests received so far */
    List<JsonNode> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    /** @return every text received, in order, duplicates across requests included */
    List<String> textsReceived() {
        List<String> out = new ArrayList<>();
        for (JsonNode b : bodies()) {
            b.get("input").forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** The served vector of a text: uniform in [-1, 1), seeded by the text. */
    static float[] vectorOf(String text, int dimension) {
        SplittableRandom r = new SplittableRandom(text.hashCode() * 0x9E3779B97F4A7C15L + text.length());
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IOException e) {
            return error(400, "body is not JSON");
        }
        bodies.add(body);
        if (failWith != 0) {
            return error(failWith, "refused by the test server");
        }
        if (!request.getUrl().encodedPath().endsWith("/embeddings")) {
            return error(404, "unknown route " + request.getUrl().encodedPath());
        }
        JsonNode input = body.get("input");
        if (input == null || !input.isArray() || input.isEmpty()) {
            return error(400, "'input' must be a non-empty array");
        }
        if (answered.incrementAndGet() > answerLimit) {
            answered.decrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(503, "server stopped");
            }
            answered.incrementAndGet();
        }
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < input.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                .append(",\"embedding\":[");
            float[] v = vectorOf(input.get(i).asText(), dimension);
            for (int d = 0; d < v.length; d++) {
                b.append(d == 0 ? "" : ",").append(v[d]);
            }
            b.append("]}");
        }
        input.forEach(n -> answeredTexts.add(n.asText()));
        completed.incrementAndGet();
        b.append("],\"model\":\"").append(body.path("model").asText()).append("\",\"usage\":{\"prompt_tokens\":1,"
            + "\"total_tokens\":1}}");
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(b.toString())
            .build();
    }

    private static MockResponse error(int code, String message) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
            .body("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":null}}")
            .build();
    }

    /** Shuts the server down. */
    void stop() throws IOException {
        release.countDown();
        server.close();
    }
}
