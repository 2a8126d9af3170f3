package io.github.scllm.core.ontology;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.TextEmbedder;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic bag-of-words embedder for tests: each lower-cased word adds 1 to a hashed dimension. Texts that
 * share words are similar, texts without shared words are orthogonal (up to hash collisions).
 */
final class WordHashEmbedder implements TextEmbedder {
    static final int DIMENSIONS = 4096;
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public EmbedderIdentity identity() {
        return new EmbedderIdentity("test", "word-hash", DIMENSIONS);
    }

    @Override
    public float[][] embed(List<String> input, CancellationToken cancel, ProgressListener progress) {
        float[][] out = new float[input.size()][DIMENSIONS];
        for (int i = 0; i < input.size(); i++) {
            cancel.check();
            texts.incrementAndGet();
            for (String w : input.get(i).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (!w.isEmpty()) {
                    out[i][Math.floorMod(w.hashCode(), DIMENSIONS)] += 1;
                }
            }
        }
        return out;
    }
}
