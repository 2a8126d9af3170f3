package io.github.scllm.core.embed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.github.scllm.core.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * HuggingFace text-embeddings-inference through its native {@code POST /embed} route: {@code {"inputs": [...],
 * "truncate": true}} answered by an array of vectors in input order. The server shortens texts beyond its model's
 * limit itself (so none fails); it accepts {@value ProviderSettings#DEFAULT_TEI_BATCH} texts per request unless
 * started with a larger {@code --max-client-batch-size}, so the batch size is configurable. A key is sent as
 * {@code Authorization: Bearer} when given (servers started with {@code --api-key}). Thread-safe.
 */
public final class TeiEmbedder extends RemoteEmbedder {
    private final HttpUrl url;
    private final EmbedderIdentity identity;

    /**
     * @param settings  kind TEI with base URL and model name (a label: TEI serves one model)
     * @param apiKey    the key, or null
     * @param keyAdvice where the key came from, for messages
     * @throws InvalidInputException when the base URL or model name is missing, or dimensions are requested
     */
    TeiEmbedder(ProviderSettings settings, String apiKey, String keyAdvice) {
        super("text-embeddings-inference at " + settings.baseUrl(), settings, apiKey, keyAdvice,
                new Limits(settings.batchSize() > 0 ? settings.batchSize() : ProviderSettings.DEFAULT_TEI_BATCH, -1,
                        -1));
        if (settings.baseUrl() == null) {
            throw new InvalidInputException("text-embeddings-inference needs its base URL, e.g. http://localhost:8080.");
        }
        if (settings.model() == null) {
            throw new InvalidInputException("Give the model name the text-embeddings-inference server runs (e.g. "
                    + "BAAI/bge-small-en-v1.5): it labels the embeddings and keys the cache.");
        }
        if (settings.dimensions() > 0) {
            throw new InvalidInputException("text-embeddings-inference's /embed route returns the model's full size; "
                    + "set dimensions to 0.");
        }
        HttpUrl base = OpenAiEmbedder.parseUrl(settings.baseUrl(), "text-embeddings-inference base URL");
        List<String> segs = base.pathSegments().stream().filter(s -> !s.isEmpty()).toList();
        if (!segs.isEmpty() && segs.get(segs.size() - 1).equals("embed")) {
            url = base;
        } else {
            HttpUrl.Builder b = base.newBuilder().encodedPath("/");
            segs.forEach(b::addPathSegment);
            url = b.addPathSegment("embed").build();
        }
        identity = new EmbedderIdentity(ProviderKind.TEI.id(), settings.model(), 0);
    }

    @Override
    public EmbedderIdentity identity() {
        return identity;
    }

    /** @return the URL requests go to */
    public HttpUrl url() {
        return url;
    }

    @Override
    protected Request buildRequest(List<String> texts) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + texts.size() * 256);
        try (JsonGenerator g = JSON_FACTORY.createGenerator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("inputs");
            for (String t : texts) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeBooleanField("truncate", true);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        Request.Builder r = new Request.Builder().url(url).post(RequestBody.create(buf.toByteArray(), JSON_MEDIA));
        if (apiKey() != null) {
            r.header("Authorization", "Bearer " + apiKey());
        }
        return r.build();
    }

    @Override
    protected float[][] readVectors(InputStream in, int count) throws IOException {
        float[][] out = new float[count][];
        int n = 0;
        try (JsonParser p = JSON_FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new EmbeddingServiceException(provider + " did not answer with an array of vectors; check that "
                        + "the base URL points at a text-embeddings-inference server.", 200, 1);
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_ARRAY) {
                    throw new EmbeddingServiceException(provider + " answered " + t + " where a vector was expected.",
                            200, 1);
                }
                float[] v = readFloatArray(p, "a vector");
                if (n < count) {
                    out[n] = v;
                }
                n++;
            }
        }
        if (n != count) {
            throw new EmbeddingServiceException(provider + " answered " + n + " vectors for " + count + " texts.", 200,
                    1);
        }
        return out;
    }
}
