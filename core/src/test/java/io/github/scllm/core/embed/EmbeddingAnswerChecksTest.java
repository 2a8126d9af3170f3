package io.github.scllm.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;


import org.junit.jupiter.api.Test;

/**
 * Answers are checked before anything is stored or handed on, answered batches survive a failure of another, and the
 * cache recognises damaged entries. Against a local OpenAI-shaped server.
 */
class EmbeddingAnswerChecksTest extends LocalEmbeddingServerTest {
    private static List<String> texts(String prefix, int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(prefix + " gene description " + i);
        }
        return t;
    }

    private float[][] embedCached(ProviderSettings s, List<String> texts) {
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir);
                CachedEmbedder e = new CachedEmbedder(EmbeddingProviders.create(s, NO_ENV), cache)) {
            return e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
        }
    }

    private int cacheSize() {
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir)) {
            return cache.size();
        }
    }

    /** An OpenAI answer for three texts whose second vector is {@code second} (base64 float32). */
    private static String base64Answer(float[] second) {
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < 3; i++) {
            float[] v = i == 1 ? second : new float[] {0.1f, 0.2f, 0.3f, 0.4f};
            ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(v);
            b.append(i > 0 ? "," : "").append("{\"object\":\"embedding\",\"index\":").append(i)
                    .append(",\"embedding\":\"").append(Base64.getEncoder().encodeToString(bb.array())).append("\"}");
        }
        return b.append("],\"model\":\"m\"}").toString();
    }

    @Test
    void aNanDecodedFromBase64IsRefusedNamingProviderAndTextAndNothingIsCached() {
        fake.then(FakeEmbeddingServer.json(200, base64Answer(new float[] {0.5f, Float.NaN, 0.1f, 0.2f})));
        List<String> texts = List.of("CD3E text", "CD4 text", "CD8A text");
        InvalidVectorException x = assertThrows(InvalidVectorException.class,
                () -> embedCached(openAi().build(), texts));
        assertTrue(x.getMessage().startsWith("OpenAI"), x.getMessage());
        assertTrue(x.getMessage().contains("NaN at component 2 of 4"), x.getMessage());
        assertTrue(x.getMessage().contains("text 2 of 3 ('CD4 text')"), x.getMessage());
        assertEquals(1, x.textIndex());
        assertEquals(0, cacheSize(), "no vector of the refused answer is cached");
    }

    @Test
    void aJsonNumberOverflowingFloatIsRefusedAsInfinityAtTheRowOfTheCallersList() {
        fake.then(FakeEmbeddingServer.json(200, "{\"data\":[{\"index\":0,\"embedding\":[0.1,0.2]},"
                + "{\"index\":1,\"embedding\":[1e39,0.2]}],\"model\":\"m\"}"));
        // duplicates before the text: the row named is the first row of the caller's list holding it
        List<String> texts = List.of("A text", "A text", "A text", "B text");
        InvalidVectorException x = assertThrows(InvalidVectorException.class,
                () -> embedCached(openAi().encoding(ProviderSettings.Encoding.FLOAT).build(), texts));
        assertTrue(x.getMessage().contains("Infinity at component 1"), x.getMessage());
        assertTrue(x.getMessage().contains("text 4 of 4 ('B text')"), x.getMessage());
        assertEquals(0, cacheSize());
    }

    @Test
    void vectorsOfTwoLengthsInOneAnswerAreRefusedBeforeAnyIsStored() {
        fake.otherModelFor("odd");
        List<String> texts = new ArrayList<>(texts("even", 5));
        texts.add(2, "odd one out");
        InvalidVectorException x = assertThrows(InvalidVectorException.class,
                () -> embedCached(openAi().build(), texts));
        assertTrue(x.getMessage().contains("a vector of 4 dimensions where the rest of the answer has 8"),
                x.getMessage());
        assertTrue(x.getMessage().contains("text 3 of 6 ('odd one out')"), x.getMessage());
        assertEquals(0, cacheSize());
    }

    @Test
    void anAnswerOfAnotherLengthThanTheCacheHoldsIsRefusedBeforeItIsStoredAndTheCacheStaysUsable() {
        List<String> first = texts("first", 10);
        embedCached(openAi().build(), first);
        assertEquals(10, cacheSize());

        // the model behind the same name now answers 4 dimensions
        FakeEmbeddingServer other = new FakeEmbeddingServer(4);
        server.setDispatcher(other);
        List<String> both = new ArrayList<>(first);
        both.addAll(texts("second", 10));
        InvalidVectorException x = assertThrows(InvalidVectorException.class,
                () -> embedCached(openAi().build(), both));
        assertTrue(x.getMessage().contains("a vector of 4 dimensions where the cache already holds vectors of this "
                + "model with 8"), x.getMessage());
        assertTrue(x.getMessage().contains("text 11 of 20"), x.getMessage());
        assertTrue(x.getMessage().contains(EmbeddingCache.FILE_NAME), x.getMessage());
        assertEquals(10, cacheSize(), "nothing of the other model was stored");

        // the cache still answers the first texts without a request
        server.setDispatcher(fake);
        long before = fake.received().size();
        float[][] again = embedCached(openAi().build(), first);
        assertEquals(before, fake.received().size());
        assertArrayEquals(FakeEmbeddingServer.vectorOf(first.get(3), 8), again[3]);
    }

    @Test
    void aCacheWithoutEntriesOfTheEmbedderComparesWithNothing() {
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir)) {
            EmbedderIdentity id = EmbeddingProviders.create(openAi().build(), NO_ENV).identity();
            assertEquals(-1, cache.storedDimension(id));
            cache.putAll(id, java.util.Map.of("x", new float[] {1, 2, 3}));
            assertEquals(3, cache.storedDimension(id));
            assertEquals(-1, cache.storedDimension(new EmbedderIdentity(id.provider(), id.model() + "-other",
                    id.dimensions())));
        }
    }

    @Test
    void batchesAnsweredWhileAnotherIsRefusedStayCached() {
        // the first batch takes 300 ms; the second is refused at once while the first is still being answered
        fake.handlingMillis(300).failWhenFirstTextStartsWith("refused", FakeEmbeddingServer.openAiError(401,
                "Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
        List<String> texts = new ArrayList<>(texts("answered", 10));
        texts.addAll(texts("refused", 10));
        ProviderSettings s = openAi().batchSize(10).concurrency(2).build();
        EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embedCached(s, texts));
        assertEquals(401, x.status(), x.getMessage());
        assertEquals(10, fake.textsEmbedded());
        assertEquals(10, cacheSize(), "the batch the server answered is kept");
    }

    @Test
    void batchesAnsweredWhileAnotherAnswerIsMalformedStayCached() {
        fake.handlingMillis(300).failWhenFirstTextStartsWith("malformed",
                FakeEmbeddingServer.json(200, "{\"data\":[{\"index\":0,\"embedding\":[0.1,"));
        List<String> texts = new ArrayList<>(texts("answered", 10));
        texts.addAll(texts("malformed", 10));
        texts.addAll(texts("answered later", 10));
        ProviderSettings s = openAi().batchSize(10).concurrency(2).build();
        EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embedCached(s, texts));
        assertTrue(x.getMessage().contains("malformed JSON"), x.getMessage());
        assertEquals(fake.textsEmbedded(), cacheSize(), "every answered text is kept");
        assertTrue(cacheSize() >= 10, "at least the batch in flight was answered: " + cacheSize());
        // the third batch starts only if it was queued before the failure; never after
        assertTrue(fake.received().size() <= 3);
    }

    @Test
    void twoChangedBytesInsideAStoredVectorAreDetectedDroppedAndFetchedAgainWithAWarning() throws IOException {
        List<String> texts = texts("stored", 3);
        embedCached(openAi().build(), texts);
        // the stored vector of the second text, as little-endian float32: change two of its bytes wherever it is
        float[] v = FakeEmbeddingServer.vectorOf(texts.get(1), 8);
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        byte[] pattern = bb.array();
        Path file = cacheDir.resolve(EmbeddingCache.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        int changed = 0;
        for (int at = indexOf(bytes, pattern, 0); at >= 0; at = indexOf(bytes, pattern, at + 1)) {
            bytes[at + 9] ^= 0x01;
            bytes[at + 21] ^= 0x40;
            changed++;
        }
        assertTrue(changed > 0, "the vector is stored uncompressed");
        Files.write(file, bytes);

        long requests = fake.received().size();
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir);
                CachedEmbedder e = new CachedEmbedder(EmbeddingProviders.create(openAi().build(), NO_ENV), cache)) {
            float[][] again = e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(FakeEmbeddingServer.vectorOf(texts.get(i), 8), again[i], "text " + i);
            }
            assertEquals(new CachedEmbedder.Stats(3, 3, 2, 1, 1), e.lastStats());
            String warning = e.lastStats().damagedWarning(cache.file());
            assertNotNull(warning);
            assertTrue(warning.startsWith("1 entries of the embedding cache"), warning);
        }
        assertEquals(requests + 1, fake.received().size(), "only the damaged text was sent again");
        assertEquals(List.of(texts.get(1)), fake.received().get(fake.received().size() - 1).inputs());
    }

    @Test
    void entriesOfTheFirstFormatWithoutChecksumAreStillRead() {
        EmbedderIdentity id = EmbeddingProviders.create(openAi().build(), NO_ENV).identity();
        try (io.github.scllm.core.genes.KeyValueStore store = io.github.scllm.core.genes.KeyValueStore.open(
                cacheDir.resolve(EmbeddingCache.FILE_NAME), EmbeddingCache.NAMESPACE)) {
            ByteBuffer bb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(new float[] {0.25f, -2f});
            store.put(EmbeddingCache.key(id, "old text"), bb.array());
            ByteBuffer nan = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            nan.asFloatBuffer().put(new float[] {Float.NaN, 1f});
            store.put(EmbeddingCache.key(id, "old NaN"), nan.array());
        }
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir)) {
            assertArrayEquals(new float[] {0.25f, -2f}, cache.get(id, "old text"));
            EmbeddingCache.Lookup l = cache.lookup(id, "old NaN");
            assertTrue(l.damaged());
            assertFalse(cache.lookup(id, "old NaN").damaged(), "a damaged entry is dropped");
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
