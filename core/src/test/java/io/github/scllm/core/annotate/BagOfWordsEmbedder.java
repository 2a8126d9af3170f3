package io.github.scllm.core.annotate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.TextEmbedder;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic embedder for tests: each lower-case word that is not a stop word adds 1 to a hashed dimension, so
 * texts sharing content words are similar and texts without shared words are orthogonal (up to hash collisions).
 */
public final class BagOfWordsEmbedder implements TextEmbedder {
    public static final int DIMENSIONS = 8192;
    private static final Set<String> STOP = Set.of("a", "an", "the", "of", "and", "or", "in", "is", "to", "that",
        "this", "with", "by", "for", "as", "on", "be", "are", "which", "it", "its", "from", "at", "gene", "encodes",
        "protein", "cell", "cells", "type");
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public EmbedderIdentity identity() {
        return new EmbedderIdentity("test", "bag-of-words", DIMENSIONS);
    }

    @Override
    public float[][] embed(List<String> input, CancellationToken cancel, ProgressListener progress) {
        float[][] out = new float[input.size()][DIMENSIONS];
        for (int i = 0; i < input.size(); i++) {
            cancel.check();
            texts.incrementAndGet();
            for (String w : input.get(i).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (!w.isEmpty() && !STOP.contains(w)) {
                    out[i][Math.floorMod(w.hashCode(), DIMENSIONS)] += 1;
                }
            }
        }
        return out;
    }
}
