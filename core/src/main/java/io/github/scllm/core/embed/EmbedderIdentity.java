package io.github.scllm.core.embed;

import java.util.Objects;

/**
 * What produced an embedding: recorded in column specs and used as the cache key prefix, so vectors of
 * different models or dimensions are never mixed.
 *
 * @param provider   provider id, e.g. {@code openai}, {@code azure}, {@code openai-compatible}, {@code tei},
 *                   {@code local}, {@code onnx}
 * @param model      model or deployment name as the provider knows it
 * @param dimensions requested output dimensions, or 0 for the model's native size
 */
public record EmbedderIdentity(String provider, String model, int dimensions) {

    public EmbedderIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (dimensions < 0) {
            throw new IllegalArgumentException("dimensions must be >= 0, was " + dimensions);
        }
    }

    /** Readable form such as {@code openai/text-embedding-3-small@512}. */
    @Override
    public String toString() {
        return provider + "/" + model + (dimensions > 0 ? "@" + dimensions : "");
    }
}
