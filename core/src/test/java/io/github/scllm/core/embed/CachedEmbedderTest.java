package io.github.scllm.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;


import org.junit.jupiter.api.Test;

/** The cache decorator against a counting local OpenAI-shaped server. */
class CachedEmbedderTest extends LocalEmbeddingServerTest {
    private static String description(int gene) {
        return "Gene G" + gene + ": this gene encodes a protein of family " + (gene % 17) + ".";
    }

    @Test
    void thirtyFiveThousandCellsWithTwentyTopGenesSendEachDistinctGeneOnceAndNothingOnARerun() {
        Random rnd = new Random(42);
        int cells = 35_000;
        int top = 20;
        List<String> texts = new ArrayList<>(cells * top);
        Set<String> distinct = new HashSet<>();
        for (int c = 0; c < cells; c++) {
            Set<Integer> genes = new HashSet<>();
            while (genes.size() < top) {
                // skewed towards low ids, as expression is: a few genes are top genes of most cells
                genes.add((int) Math.floor(Math.pow(rnd.nextDouble(), 3) * 6000));
            }
            for (int g : genes) {
                texts.add(description(g));
                distinct.add(description(g));
            }
        }
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir);
                CachedEmbedder e = new CachedEmbedder(EmbeddingProviders.create(openAi().build(), NO_ENV), cache)) {
            float[][] v = e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
            assertEquals(texts.size(), v.length);
            for (int i = 0; i < texts.size(); i += 997) {
                assertArrayEquals(FakeEmbeddingServer.vectorOf(texts.get(i), 8), v[i], "text " + i);
            }
            assertEquals(new CachedEmbedder.Stats(cells * top, distinct.size(), 0, distinct.size(), 0), e.lastStats());
        }
        assertEquals(distinct.size(), fake.textsEmbedded(), "texts sent equal distinct genes");
        int requests = fake.received().size();

        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir);
                CachedEmbedder e = new CachedEmbedder(EmbeddingProviders.create(openAi().build(), NO_ENV), cache)) {
            float[][] v = e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
            assertArrayEquals(FakeEmbeddingServer.vectorOf(texts.get(12_345), 8), v[12_345]);
            assertEquals(new CachedEmbedder.Stats(cells * top, distinct.size(), distinct.size(), 0, 0), e.lastStats());
        }
        assertEquals(requests, fake.received().size(), "a re-run sends no request");
    }

    @Test
    void aRunResumedAfterAFailureHalfWaySendsExactlyTheTextsNotYetCached() {
        List<String> texts = new ArrayList<>();
        for (int g = 0; g < 100; g++) {
            texts.add(description(g));
        }
        fake.failFrom(6, FakeEmbeddingServer.openAiError(429, "You exceeded your current quota, please check your "
                + "plan and billing details.", "insufficient_quota", "insufficient_quota"));
        ProviderSettings s = openAi().batchSize(10).concurrency(1).build();
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir);
                CachedEmbedder e = new CachedEmbedder(EmbeddingProviders.create(s, NO_ENV), cache)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class,
                    () -> e.embed(texts, CancellationToken.NONE, ProgressListener.NONE));
            assertTrue(x.getMessage().contains("quota"), x.getMessage());
            assertEquals(50, cache.size(), "the five batches answered before the failure are cached");
        }
        assertEquals(50, fake.textsEmbedded());

        fake.healthy();
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir);
                CachedEmbedder e = new CachedEmbedder(EmbeddingProviders.create(s, NO_ENV), cache)) {
            float[][] v = e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(FakeEmbeddingServer.vectorOf(texts.get(i), 8), v[i], "text " + i);
            }
            assertEquals(new CachedEmbedder.Stats(100, 100, 50, 50, 0), e.lastStats());
            assertEquals(100, cache.size());
        }
        assertEquals(100, fake.textsEmbedded(), "the resumed run sent exactly the 50 uncached texts");
    }

    @Test
    void anotherModelOrDimensionDoesNotReuseCachedVectors() {
        List<String> texts = List.of(description(1), description(2));
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir)) {
            for (ProviderSettings s : List.of(openAi().model("text-embedding-3-small").build(),
                    openAi().model("text-embedding-3-small").dimensions(4).build(),
                    openAi().model("text-embedding-3-large").build(),
                    openAi().model("text-embedding-3-small").build())) {
                try (CachedEmbedder e = new CachedEmbedder(EmbeddingProviders.create(s, NO_ENV), cache)) {
                    float[][] v = e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
                    assertEquals(s.dimensions() > 0 ? 4 : 8, v[0].length);
                }
            }
            assertEquals(6, cache.size());
        }
        assertEquals(6, fake.textsEmbedded(), "the fourth run, a repeat of the first, came from the cache");
    }
}
