package io.github.scllm.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    private static final EmbedderIdentity SMALL = new EmbedderIdentity("openai", "text-embedding-3-small", 0);

    @TempDir
    Path dir;

    @Test
    void vectorsSurviveClosingAndReopeningBitForBit() {
        float[] v = {0.25f, -1.5e-7f, Float.MIN_VALUE, 3.4e38f, -0f};
        try (EmbeddingCache c = EmbeddingCache.open(dir)) {
            c.putAll(SMALL, Map.of("CD3E encodes the epsilon chain.", v));
        }
        try (EmbeddingCache c = EmbeddingCache.open(dir)) {
            assertArrayEquals(v, c.get(SMALL, "CD3E encodes the epsilon chain."));
            assertNull(c.get(SMALL, "CD3D encodes the delta chain."));
            assertEquals(1, c.size());
        }
    }

    @Test
    void keysSeparateProviderModelAndDimensionsAndHoldOnlyTheTextsHash() throws Exception {
        String text = "ALB encodes albumin, the main protein of plasma.";
        try (EmbeddingCache c = EmbeddingCache.open(dir)) {
            c.putAll(SMALL, Map.of(text, new float[] {1, 2}));
            assertNull(c.get(new EmbedderIdentity("openai", "text-embedding-3-small", 512), text));
            assertNull(c.get(new EmbedderIdentity("azure", "text-embedding-3-small", 0), text));
            assertNull(c.get(new EmbedderIdentity("openai", "text-embedding-3-large", 0), text));
            String key = EmbeddingCache.key(SMALL, text);
            assertTrue(key.startsWith("openai\ttext-embedding-3-small\t0\t"), key);
            assertEquals(64, key.substring(key.lastIndexOf('\t') + 1).length());
        }
        String raw = new String(Files.readAllBytes(dir.resolve(EmbeddingCache.FILE_NAME)), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("albumin"), "texts are not stored in the cache file");
    }

    @Test
    void twoUsersOfOneFolderInOneProcessShareTheFileUntilTheLastCloses() {
        EmbeddingCache a = EmbeddingCache.open(dir);
        EmbeddingCache b = EmbeddingCache.open(dir);
        a.putAll(SMALL, Map.of("x", new float[] {1}));
        a.close();
        a.close();
        b.putAll(SMALL, Map.of("y", new float[] {2}));
        assertArrayEquals(new float[] {1}, b.get(SMALL, "x"));
        b.close();
        try (EmbeddingCache c = EmbeddingCache.open(dir)) {
            assertEquals(2, c.size());
        }
    }
}
