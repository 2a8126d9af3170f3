package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.io.CellChunk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HighlyVariableGenesTest {

    /** Cells x 4 genes: gene 0 constant share, gene 1 switches on/off, gene 2 never expressed, gene 3 mildly varies. */
    private static CellChunk cells() {
        int n = 6;
        int[] offsets = new int[n + 1];
        int[] genes = new int[n * 3];
        float[] values = new float[n * 3];
        int k = 0;
        for (int c = 0; c < n; c++) {
            genes[k] = 0;
            values[k++] = 10;
            genes[k] = 1;
            values[k++] = c % 2 == 0 ? 20 : 0.5f;
            genes[k] = 3;
            values[k++] = 5 + c % 3;
            offsets[c + 1] = k;
        }
        return new CellChunk(0, offsets, genes, values);
    }

    @Test
    void logVarianceEqualsTheSampleVarianceOfLog1pCountsPer10k() {
        HighlyVariableGenes h = new HighlyVariableGenes(4);
        CellChunk chunk = cells();
        h.add(chunk);
        double[] s = h.scores(HvgFlavor.LOG_VARIANCE);
        double[] x = new double[chunk.count()];
        for (int c = 0; c < chunk.count(); c++) {
            float[] v = chunk.valuesOf(c);
            double total = 0;
            for (float f : v) {
                total += f;
            }
            x[c] = Math.log1p(v[1] * 1e4 / total);
        }
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(d -> (d - mean) * (d - mean)).sum() / (x.length - 1);
        assertEquals(var, s[1], 1e-9);
        assertTrue(Double.isNaN(s[2]), "never expressed gene has no score");
    }

    @Test
    void switchingGeneRanksFirstAndNeverExpressedGeneIsNeverChosen() {
        HighlyVariableGenes h = new HighlyVariableGenes(4);
        h.add(cells());
        // with four genes every Seurat bin holds one gene, so only the plain variance ranks meaningfully here
        assertArrayEquals(new boolean[] {false, true, false, false}, h.select(1, HvgFlavor.LOG_VARIANCE, null));
        for (HvgFlavor f : HvgFlavor.values()) {
            boolean[] all = h.select(10, f, null);
            assertFalse(all[2], f.name());
        }
    }

    @Test
    void exclusionMaskKeepsExcludedGenesOutOfTheSelection() {
        HighlyVariableGenes h = new HighlyVariableGenes(4);
        h.add(cells());
        boolean[] chosen = h.select(1, HvgFlavor.LOG_VARIANCE, new boolean[] {false, true, false, false});
        assertFalse(chosen[1]);
        assertEquals(1, count(chosen));
    }

    @Test
    void resultDoesNotDependOnChunkingAndIsRepeatable() throws IOException {
        Path mtx = TestData.file("pbmc68k_reduced/counts_10x_mtx/matrix.mtx.gz");
        CellChunk all = TestData.readMtxAsCells(mtx);
        String[] symbols = TestData.column(mtx.resolveSibling("features.tsv.gz"), 1, "\t").toArray(String[]::new);
        HighlyVariableGenes whole = new HighlyVariableGenes(symbols.length);
        whole.add(all);
        HighlyVariableGenes byCell = new HighlyVariableGenes(symbols.length);
        for (int c = 0; c < all.count(); c++) {
            int[] g = all.genesOf(c);
            float[] v = all.valuesOf(c);
            double total = 0;
            for (float f : v) {
                total += f;
            }
            byCell.addCell(c, g, v, 0, g.length, total);
        }
        for (HvgFlavor f : HvgFlavor.values()) {
            boolean[] a = whole.select(100, f, null);
            assertEquals(100, count(a));
            assertArrayEquals(a, byCell.select(100, f, null), f.name());
            assertArrayEquals(a, whole.select(100, f, null), f.name());
        }
        TopGenesOptions o = TopGenesOptions.DEFAULTS.withHighlyVariableGenes(50, HvgFlavor.SEURAT_DISPERSION)
            .withExclusionPresets(Set.of(ExclusionPreset.RIBOSOMAL));
        TopGenesSelector s = new TopGenesSelector(o, symbols, whole);
        List<TopGenes> first = s.selectAll(all, CancellationToken.NONE);
        List<TopGenes> second = new TopGenesSelector(o, symbols, byCell).selectAll(all, CancellationToken.NONE);
        for (int c = 0; c < all.count(); c++) {
            assertArrayEquals(first.get(c).genes(), second.get(c).genes());
            for (int g : first.get(c).genes()) {
                assertTrue(s.isAllowed(g));
                assertFalse(symbols[g].startsWith("RPS") || symbols[g].startsWith("RPL"), symbols[g]);
            }
        }
    }

    @Test
    void agreesWithThePandasSeuratComputationOnPbmcCounts() throws IOException {
        Path mtx = TestData.file("pbmc68k_reduced/counts_10x_mtx/matrix.mtx.gz");
        CellChunk all = TestData.readMtxAsCells(mtx);
        HighlyVariableGenes h = new HighlyVariableGenes(765);
        h.add(all);
        int checked = 0;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
            getClass().getResourceAsStream("/genes/pbmc68k_hvg100_expected.tsv"),
            java.nio.charset.StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] t = line.split("\t");
                boolean[] expected = new boolean[765];
                for (String g : t[1].split(",")) {
                    expected[Integer.parseInt(g)] = true;
                }
                assertArrayEquals(expected, h.select(100, HvgFlavor.valueOf(t[0]), null), t[0]);
                checked++;
            }
        }
        assertEquals(2, checked);
    }

    @Test
    void tooFewCellsAndBadCountsAreRejected() {
        HighlyVariableGenes h = new HighlyVariableGenes(3);
        h.addCell(0, new int[] {0}, new float[] {1}, 0, 1, 1);
        assertThrows(InvalidInputException.class, () -> h.select(1, HvgFlavor.SEURAT_DISPERSION, null));
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> h.addCell(4, new int[] {1}, new float[] {-2}, 0, 1, 1));
        assertTrue(e.getMessage().contains("Cell 4"), e.getMessage());
    }

    private static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
