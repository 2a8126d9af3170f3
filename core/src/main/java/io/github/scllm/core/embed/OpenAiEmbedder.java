package io.github.scllm.core.embed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.github.scllm.core.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Base64;
import java.util.List;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The OpenAI embeddings API in three flavours: OpenAI itself ({@code Authorization: Bearer}, models
 * text-embedding-ada-002 / -3-small / -3-large, {@code dimensions} only for the -3 models), Azure OpenAI (resource
 * endpoint, deployment in the path, {@code api-version} query, {@code api-key} header; or Azure's v1 route), and any
 * server with an OpenAI-style {@code /v1/embeddings} route (Ollama, vLLM, llama.cpp, LM Studio, text-embeddings-
 * inference), where a key is optional.
 *
 * <p>Limits of every flavour are OpenAI's: 2048 texts per request, 8192 tokens per text, 300,000 tokens per
 * request (estimated, see {@link RemoteEmbedder}); a smaller batch size can be set. Vectors arrive as JSON numbers or
 * base64 little-endian float32 and are placed by their {@code index}. Build instances through
 * {@link EmbeddingProviders#create(ProviderSettings)}. Thread-safe; close to stop its threads.
 */
public final class OpenAiEmbedder extends RemoteEmbedder {
    /** OpenAI's API base. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    /** OpenAI's texts per request. */
    public static final int MAX_INPUTS = 2048;
    /** OpenAI's tokens per text. */
    public static final int MAX_TOKENS_PER_INPUT = 8192;
    /** OpenAI's tokens summed over one request. */
    public static final int MAX_TOKENS_PER_REQUEST = 300_000;

    private final ProviderKind kind;
    private final HttpUrl url;
    private final String bodyModel;
    private final boolean base64;
    private final int dimensions;
    private final EmbedderIdentity identity;

    /**
     * @param settings   kind OPENAI, AZURE or OPENAI_COMPATIBLE with model/base URL/deployment as that kind needs
     * @param apiKey     the key; required for OpenAI and Azure, optional otherwise
     * @param keyAdvice  where the key came from and how to fix it, used in messages about a refused key
     * @throws InvalidInputException when a required setting is missing or malformed
     */
    OpenAiEmbedder(ProviderSettings settings, String apiKey, String keyAdvice) {
        super(describe(settings), settings, apiKey, keyAdvice, limits(settings));
        this.kind = settings.kind();
        this.dimensions = settings.dimensions();
        switch (kind) {
            case OPENAI -> {
                String model = settings.model() == null ? ProviderSettings.DEFAULT_OPENAI_MODEL : settings.model();
                if (dimensions > 0 && model.startsWith("text-embedding-") && !model.startsWith("text-embedding-3")) {
                    throw new InvalidInputException("OpenAI model " + model + " has a fixed size; 'dimensions' works "
                            + "only with text-embedding-3-small and -3-large. Set dimensions to 0.");
                }
                url = endpoint(settings.baseUrl() == null ? OPENAI_BASE_URL : settings.baseUrl(), "OpenAI base URL");
                bodyModel = model;
                identity = new EmbedderIdentity(kind.id(), model, dimensions);
            }
            case AZURE -> {
                if (settings.baseUrl() == null) {
                    throw new InvalidInputException("Azure OpenAI needs the resource endpoint as base URL, e.g. "
                            + "https://my-resource.openai.azure.com.");
                }
                if (settings.deployment() == null) {
                    throw new InvalidInputException("Azure OpenAI needs the deployment name of the embedding model "
                            + "(Azure portal, Deployments).");
                }
                url = azureUrl(settings);
                // the classic route takes the model from the deployment in the path; the v1 route from the body
                bodyModel = url.queryParameter("api-version") == null ? settings.deployment() : null;
                identity = new EmbedderIdentity(kind.id(), settings.deployment(), dimensions);
            }
            case OPENAI_COMPATIBLE -> {
                if (settings.baseUrl() == null) {
                    throw new InvalidInputException("An OpenAI-compatible server needs its base URL, e.g. "
                            + "http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM) or "
                            + "http://localhost:8080/v1 (llama.cpp).");
                }
                if (settings.model() == null) {
                    throw new InvalidInputException("An OpenAI-compatible server needs the model name it serves, "
                            + "e.g. nomic-embed-text for Ollama.");
                }
                url = endpoint(settings.baseUrl(), "base URL");
                bodyModel = settings.model();
                identity = new EmbedderIdentity(kind.id(), settings.model(), dimensions);
            }
            default -> throw new IllegalArgumentException("Not an OpenAI-style provider: " + kind);
        }
        if (kind != ProviderKind.OPENAI_COMPATIBLE && apiKey == null) {
            throw new InvalidInputException(kind.displayName() + " needs an API key. " + keyAdvice);
        }
        ProviderSettings.Encoding enc = settings.encoding();
        // base64 is a third of the bytes; elsewhere float is the safe choice (older Azure api-versions and some
        // local servers know only float). Answers are decoded in either form whatever was asked.
        this.base64 = enc == ProviderSettings.Encoding.BASE64
                || (enc == ProviderSettings.Encoding.AUTO && kind == ProviderKind.OPENAI);
    }

    private static String describe(ProviderSettings s) {
        return switch (s.kind()) {
            case OPENAI -> s.baseUrl() == null ? "OpenAI" : "OpenAI at " + s.baseUrl();
            case AZURE -> "Azure OpenAI" + (s.baseUrl() == null ? "" : " at " + s.baseUrl());
            default -> s.kind().displayName() + (s.baseUrl() == null ? "" : " at " + s.baseUrl());
        };
    }

    private static Limits limits(ProviderSettings s) {
        int batch = s.batchSize() > 0 ? Math.min(s.batchSize(), MAX_INPUTS)
                : s.kind() == ProviderKind.OPENAI_COMPATIBLE ? ProviderSettings.DEFAULT_COMPATIBLE_BATCH : MAX_INPUTS;
        return new Limits(batch, MAX_TOKENS_PER_INPUT, MAX_TOKENS_PER_REQUEST);
    }

    static HttpUrl parseUrl(String base, String what) {
        HttpUrl u = HttpUrl.parse(base);
        if (u == null) {
            throw new InvalidInputException("The " + what + " '" + base + "' is not an http(s) URL.");
        }
        return u;
    }

    /** The embeddings route under a base URL: as given when it already ends in /embeddings, /v1 added to a bare host. */
    private static HttpUrl endpoint(String base, String what) {
        HttpUrl u = parseUrl(base, what);
        List<String> segs = u.pathSegments().stream().filter(p -> !p.isEmpty()).toList();
        HttpUrl.Builder b = u.newBuilder();
        if (!segs.isEmpty() && segs.get(segs.size() - 1).equals("embeddings")) {
            return u;
        }
        if (segs.isEmpty()) {
            b.encodedPath("/").addPathSegment("v1");
        } else if (u.encodedPath().endsWith("/")) {
            b.encodedPath(u.encodedPath().substring(0, u.encodedPath().length() - 1));
        }
        return b.addPathSegment("embeddings").build();
    }

    private static HttpUrl azureUrl(ProviderSettings s) {
        HttpUrl u = parseUrl(s.baseUrl(), "Azure endpoint");
        List<String> segs = u.pathSegments().stream().filter(p -> !p.isEmpty()).toList();
        boolean v1 = "v1".equals(s.apiVersion())
                || (segs.size() >= 2 && segs.get(segs.size() - 2).equals("openai") && segs.get(segs.size() - 1)
                        .equals("v1"));
        HttpUrl.Builder b = u.newBuilder().encodedPath("/");
        for (String seg : segs) {
            b.addPathSegment(seg);
        }
        if (v1) {
            if (!segs.contains("openai")) {
                b.addPathSegment("openai").addPathSegment("v1");
            }
            return b.addPathSegment("embeddings").build();
        }
        if (segs.isEmpty() || !segs.get(segs.size() - 1).equals("openai")) {
            b.addPathSegment("openai");
        }
        String version = s.apiVersion() == null ? ProviderSettings.DEFAULT_AZURE_API_VERSION : s.apiVersion();
        return b.addPathSegment("deployments").addPathSegment(s.deployment()).addPathSegment("embeddings")
                .addQueryParameter("api-version", version).build();
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
            if (bodyModel != null) {
                g.writeStringField("model", bodyModel);
            }
            g.writeArrayFieldStart("input");
            for (String t : texts) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeStringField("encoding_format", base64 ? "base64" : "float");
            if (dimensions > 0) {
                g.writeNumberField("dimensions", dimensions);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        Request.Builder r = new Request.Builder().url(url).post(RequestBody.create(buf.toByteArray(), JSON_MEDIA));
        if (apiKey() != null) {
            if (kind == ProviderKind.AZURE) {
                r.header("api-key", apiKey());
            } else {
                r.header("Authorization", "Bearer " + apiKey());
            }
        }
        return r.build();
    }

    @Override
    protected float[][] readVectors(InputStream in, int count) throws IOException {
        float[][] out = new float[count][];
        int received = 0;
        try (JsonParser p = JSON_FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EmbeddingServiceException(provider + " did not answer with a JSON object; check that the "
                        + "URL points at an embeddings endpoint.", 200, 1);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("data".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        received += readItem(p, out);
                    }
                } else if ("error".equals(field) && value != JsonToken.VALUE_NULL) {
                    JsonNode err = p.readValueAsTree();
                    throw new EmbeddingServiceException(redact(provider + " answered an error: "
                            + (err.isObject() ? err.path("message").asText(err.toString()) : err.asText())
                            + "; check the model name and the texts."), 200, 1);
                } else {
                    p.skipChildren();
                }
            }
        }
        if (received != count) {
            throw new EmbeddingServiceException(provider + " answered " + received + " vectors for " + count
                    + " texts; the server may cap its batch size: set a smaller batch size.", 200, 1);
        }
        return out;
    }

    private int readItem(JsonParser p, float[][] out) throws IOException {
        int index = -1;
        float[] vector = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("index".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                index = p.getIntValue();
            } else if ("embedding".equals(field) && value == JsonToken.START_ARRAY) {
                vector = readFloatArray(p, "an embedding");
            } else if ("embedding".equals(field) && value == JsonToken.VALUE_STRING) {
                vector = decodeBase64(p.getText());
            } else {
                p.skipChildren();
            }
        }
        if (index < 0 || index >= out.length) {
            throw new EmbeddingServiceException(provider + " answered a vector with index " + index + " for a request "
                    + "of " + out.length + " texts; the server is not OpenAI-compatible.", 200, 1);
        }
        if (vector == null) {
            throw new EmbeddingServiceException(provider + " answered item " + index + " without an embedding.", 200,
                    1);
        }
        if (out[index] != null) {
            throw new EmbeddingServiceException(provider + " answered index " + index + " twice.", 200, 1);
        }
        out[index] = vector;
        return 1;
    }

    /** Decodes OpenAI's base64 embedding: little-endian float32. */
    private float[] decodeBase64(String s) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new EmbeddingServiceException(provider + " answered an embedding that is not valid base64; set the "
                    + "vector encoding to float.", 200, 1);
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new EmbeddingServiceException(provider + " answered a base64 embedding of " + bytes.length
                    + " bytes, not whole float32 values; set the vector encoding to float.", 200, 1);
        }
        FloatBuffer fb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return v;
    }
}
