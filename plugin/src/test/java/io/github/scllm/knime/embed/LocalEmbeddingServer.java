package io.github.scllm.knime.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local server answering POST .../embeddings in the shape of OpenAI's CreateEmbeddingResponse, with vectors that
 * are a deterministic function of the text ({@link #vectorOf}); optionally answers one fixed error instead. Records
 * every request's texts and Authorization header.
 */
public final class LocalEmbeddingServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<List<String>> inputs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger texts = new AtomicInteger();
    private volatile int errorStatus;
    private volatile String errorBody;

    /** Starts on a free port of the loopback address. */
    public LocalEmbeddingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the base URL, e.g. http://127.0.0.1:PORT/v1 */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** Every following request is answered with this status and body. */
    public void failWith(int status, String body) {
        errorBody = body;
        errorStatus = status;
    }

    /** @return texts answered with a vector */
    public int textsEmbedded() {
        return texts.get();
    }

    /** @return the texts of every request received */
    public List<List<String>> inputs() {
        synchronized (inputs) {
            return List.copyOf(inputs);
        }
    }

    /** @return the Authorization header of every request (empty string when absent) */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /** @return the served vector of a text: {@code dimension} values from its hash code */
    public static double[] vectorOf(String text, int dimension) {
        double[] v = new double[dimension];
        int h = text.hashCode();
        for (int j = 0; j < dimension; j++) {
            h = h * 31 + j + 7;
            v[j] = (float)((h & 0xffff) / 65536.0 - 0.5);
        }
        return v;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            JsonNode body = JSON.readTree(in);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            List<String> batch = new ArrayList<>();
            body.path("input").forEach(n -> batch.add(n.asText()));
            inputs.add(batch);
            if (errorStatus != 0) {
                send(ex, errorStatus, errorBody);
                return;
            }
            int dim = body.has("dimensions") ? body.get("dimensions").asInt() : 4;
            StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
            for (int i = 0; i < batch.size(); i++) {
                b.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                    .append(",\"embedding\":[");
                double[] v = vectorOf(batch.get(i), dim);
                for (int j = 0; j < dim; j++) {
                    b.append(j == 0 ? "" : ",").append((float)v[j]);
                }
                b.append("]}");
            }
            b.append("],\"model\":\"").append(body.path("model").asText()).append(
                "\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
            texts.addAndGet(batch.size());
            send(ex, 200, b.toString());
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
