package io.github.scllm.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.InvalidInputException;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingPlotTest {
    private static final String[] NAMES = {"T cell", "B cell", "NK cell", "monocyte"};

    @TempDir
    Path dir;

    private static String[] labelsOf(int[] classes) {
        String[] out = new String[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = NAMES[classes[i]];
        }
        return out;
    }

    private static int countColour(BufferedImage im, Color c, int x0, int x1) {
        int n = 0;
        for (int x = x0; x < x1; x++) {
            for (int y = 0; y < im.getHeight(); y++) {
                n += (im.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void umapPictureIsAReadablePngOfTheFixedSizeWithOneLegendSwatchAndVisiblePointsPerLabel() throws IOException {
        int[] classes = new int[4 * 50];
        float[][] x = UmapTest.clusters(4, 50, 16, 0.4, 2, classes);
        Path png = dir.resolve("out/umap.png");
        EmbeddingPlot.Picture p = EmbeddingPlot.writeUmapPng(x, labelsOf(classes), png, 42, "Query cells");
        assertEquals(x.length, p.rows().length);
        assertEquals(x.length, p.coordinates().length);
        BufferedImage im = ImageIO.read(png.toFile());
        assertEquals(EmbeddingPlot.WIDTH, im.getWidth());
        assertEquals(EmbeddingPlot.HEIGHT, im.getHeight());
        // legend in name order: B cell, NK cell, T cell, monocyte
        List<String> order = List.of("B cell", "NK cell", "T cell", "monocyte");
        assertEquals(order, List.copyOf(EmbeddingPlot.legend(labelsOf(classes)).keySet()));
        Set<Integer> colours = new HashSet<>();
        for (int e = 0; e < order.size(); e++) {
            Color c = EmbeddingPlot.colour(e);
            colours.add(c.getRGB());
            int cx = EmbeddingPlot.LEGEND_X + EmbeddingPlot.SWATCH / 2;
            int cy = EmbeddingPlot.LEGEND_TOP + e * EmbeddingPlot.LEGEND_ROW + EmbeddingPlot.SWATCH / 2;
            assertEquals(c.getRGB() & 0xFFFFFF, im.getRGB(cx, cy) & 0xFFFFFF, "legend swatch of " + order.get(e));
            int inPlot = countColour(im, c, 0, EmbeddingPlot.LEGEND_X - 20);
            assertTrue(inPlot >= 50, order.get(e) + ": " + inPlot + " pixels of its colour in the plot");
            // the label text is drawn right of the swatch: some dark pixels there
            int dark = 0;
            for (int tx = cx + 15; tx < cx + 80; tx++) {
                for (int ty = cy - 6; ty < cy + 6; ty++) {
                    dark += (im.getRGB(tx, ty) & 0xFF) < 100 ? 1 : 0;
                }
            }
            assertTrue(dark > 10, "text of legend entry " + order.get(e));
        }
        assertEquals(order.size(), colours.size());
        // no entry below the last one
        int below = EmbeddingPlot.LEGEND_TOP + order.size() * EmbeddingPlot.LEGEND_ROW + EmbeddingPlot.SWATCH / 2;
        assertEquals(0xFFFFFF, im.getRGB(EmbeddingPlot.LEGEND_X + EmbeddingPlot.SWATCH / 2, below) & 0xFFFFFF);
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void theSameSeedWritesTheSamePictureAndAnExistingFileIsReplaced() throws IOException {
        int[] classes = new int[3 * 30];
        float[][] x = UmapTest.clusters(3, 30, 8, 0.4, 6, classes);
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        Files.writeString(b, "old content");
        EmbeddingPlot.writeUmapPng(x, labelsOf(classes), a, 1, "t");
        EmbeddingPlot.writeUmapPng(x, labelsOf(classes), b, 1, "t");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void missingLabelsAreGreyAndAPlotWithoutLabelsHasNoLegend() throws IOException {
        float[][] xy = {{0, 0}, {1, 1}, {2, 0}};
        Path png = dir.resolve("s.png");
        EmbeddingPlot.writeScatterPng(xy, new String[] {"x", null, "x"}, png, null);
        BufferedImage im = ImageIO.read(png.toFile());
        int cx = EmbeddingPlot.LEGEND_X + EmbeddingPlot.SWATCH / 2;
        int row1 = EmbeddingPlot.LEGEND_TOP + EmbeddingPlot.LEGEND_ROW + EmbeddingPlot.SWATCH / 2;
        assertEquals(0xB0B0B0, im.getRGB(cx, row1) & 0xFFFFFF, "the missing label comes last, in grey");

        EmbeddingPlot.writeScatterPng(xy, null, png, "no labels");
        im = ImageIO.read(png.toFile());
        assertEquals(0xFFFFFF, im.getRGB(cx, EmbeddingPlot.LEGEND_TOP + EmbeddingPlot.SWATCH / 2) & 0xFFFFFF);
        assertTrue(countColour(im, EmbeddingPlot.colour(0), 0, EmbeddingPlot.LEGEND_X - 20) > 0);
    }

    @Test
    void manyLabelsGetDistinctColoursAndTheLegendIsCappedWithASummaryLine() throws IOException {
        int labels = EmbeddingPlot.MAX_LEGEND_ENTRIES + 10;
        Set<Integer> rgb = new HashSet<>();
        for (int e = 0; e < labels; e++) {
            rgb.add(EmbeddingPlot.colour(e).getRGB());
        }
        assertEquals(labels, rgb.size());
        float[][] xy = new float[labels][];
        String[] names = new String[labels];
        for (int i = 0; i < labels; i++) {
            xy[i] = new float[] {i, i % 7};
            names[i] = String.format("type %02d", i);
        }
        Path png = dir.resolve("many.png");
        EmbeddingPlot.writeScatterPng(xy, names, png, "many");
        BufferedImage im = ImageIO.read(png.toFile());
        int cx = EmbeddingPlot.LEGEND_X + EmbeddingPlot.SWATCH / 2;
        int last = EmbeddingPlot.MAX_LEGEND_ENTRIES - 2;
        assertEquals(EmbeddingPlot.colour(last).getRGB() & 0xFFFFFF,
            im.getRGB(cx, EmbeddingPlot.LEGEND_TOP + last * EmbeddingPlot.LEGEND_ROW + EmbeddingPlot.SWATCH / 2)
                & 0xFFFFFF);
        assertNotEquals(EmbeddingPlot.colour(last + 1).getRGB() & 0xFFFFFF,
            im.getRGB(cx, EmbeddingPlot.LEGEND_TOP + (last + 1) * EmbeddingPlot.LEGEND_ROW + EmbeddingPlot.SWATCH / 2)
                & 0xFFFFFF, "the last row is the summary line, not a swatch");
    }

    @Test
    void largeInputsAreSubsampledDeterministicallyToTheMaximum() {
        int[] a = EmbeddingPlot.subsample(25_000, 3);
        assertEquals(EmbeddingPlot.MAX_POINTS, a.length);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1], "ascending and distinct at " + i);
        }
        assertTrue(a[a.length - 1] < 25_000 && a[a.length - 1] > 20_000, "spread over all rows");
        assertArrayEquals(a, EmbeddingPlot.subsample(25_000, 3));
        assertFalse(java.util.Arrays.equals(a, EmbeddingPlot.subsample(25_000, 4)));
        assertEquals(500, EmbeddingPlot.subsample(500, 3).length);
    }

    @Test
    void mismatchedLabelsOrNonFinitePointsAreRejectedAndNothingIsWritten() {
        Path png = dir.resolve("bad.png");
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
            EmbeddingPlot.writeUmapPng(new float[][] {{1, 2}, {2, 1}}, new String[] {"a"}, png, 1, "t"));
        assertTrue(e.getMessage().contains("1 labels for 2 points"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () ->
            EmbeddingPlot.writeScatterPng(new float[][] {{1, 2}, {Float.NaN, 1}}, null, png, "t"));
        assertTrue(e.getMessage().contains("point 2"), e.getMessage());
        assertFalse(Files.exists(png));
    }
}
