package io.github.scllm.core.evaluate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.TextEmbedder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic text embedder for tests: each text maps to a unit Gaussian direction seeded by a 64-bit FNV-1a hash
 * of its UTF-8 bytes, so equal texts give equal vectors and different texts nearly orthogonal ones. Records every
 * text it was asked to embed.
 */
public final class HashTextEmbedder implements TextEmbedder {
    private final int dimension;
    private final List<String> seen = new ArrayList<>();
    private int calls;

    public HashTextEmbedder(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public EmbedderIdentity identity() {
        return new EmbedderIdentity("test", "fnv-hash", dimension);
    }

    @Override
    public synchronized float[][] embed(List<String> texts, CancellationToken cancel, ProgressListener progress) {
        calls++;
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            cancel.check();
            String t = texts.get(i);
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("blank text " + i);
            }
            seen.add(t);
            out[i] = vector(t, dimension);
            progress.progress((i + 1.0) / out.length, "embedded");
        }
        return out;
    }

    static float[] vector(String text, int dimension) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        SplittableRandom rnd = new SplittableRandom(h);
        float[] v = new float[dimension];
        double s = 0;
        for (int d = 0; d < dimension; d++) {
            double u1 = 1.0 - rnd.nextDouble();
            double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rnd.nextDouble());
            v[d] = (float) g;
            s += g * g;
        }
        for (int d = 0; d < dimension; d++) {
            v[d] /= (float) Math.sqrt(s);
        }
        return v;
    }

    /** @return every text embedded so far, in order, repeats included */
    public synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    /** @return number of embed calls */
    public synchronized int calls() {
        return calls;
    }
}
