package io.github.scllm.core.embed;

import io.github.scllm.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CellEmbedderTest {

    private static final Map<String, float[]> GENES = Map.of(
            "CD3E", new float[] {1, 0},
            "MS4A1", new float[] {0, 1},
            "Lyz", new float[] {3, 4});

    @Test
    void weightedMeanUsesExpressionAsWeightsAndSkipsGenesWithoutEmbedding() {
        CellEmbedder embedder = new CellEmbedder(GENES, CellEmbedder.Options.DEFAULT);
        float[] cell = embedder.embed(new String[] {"CD3E", "MS4A1", "NOPE"}, new float[] {3, 1, 100});
        assertArrayEquals(new float[] {0.75f, 0.25f}, cell, 1e-7f);
    }

    @Test
    void symbolsMatchCaseInsensitively() {
        CellEmbedder embedder = new CellEmbedder(GENES, CellEmbedder.Options.DEFAULT);
        assertArrayEquals(new float[] {3, 4}, embedder.embed(new String[] {"LYZ"}, new float[] {2}), 1e-7f);
        assertEquals(true, embedder.hasGene("cd3e"));
    }

    @Test
    void uniformWeightsAndL2NormalisationGiveUnitMeanDirection() {
        CellEmbedder embedder = new CellEmbedder(GENES, new CellEmbedder.Options(true, true));
        float[] cell = embedder.embed(new String[] {"CD3E", "MS4A1"}, new float[] {9, 1});
        float half = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {half, half}, cell, 1e-6f);
    }

    @Test
    void cellWithoutEmbeddedGenesGetsNull() {
        CellEmbedder embedder = new CellEmbedder(GENES, CellEmbedder.Options.DEFAULT);
        assertNull(embedder.embed(new String[] {"XIST"}, new float[] {5}));
        assertNull(embedder.embed(new String[0], new float[0]));
    }

    @Test
    void mixedDimensionsAreRejectedNamingTheGene() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CellEmbedder(
                Map.of("A", new float[] {1, 2}, "B", new float[] {1, 2, 3}), CellEmbedder.Options.DEFAULT));
        assertEquals(true, e.getMessage().contains("same model"), e.getMessage());
    }
}
