package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.io.CellChunk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TopGenesSelectorTest {
    private static final String[] SYMBOLS = {"A", "MT-CO1", "B", "RPS3", "C", "mt-Nd1", "Rpl7", "D", "E", "RPLP0"};

    private static CellChunk oneCell(int[] genes, float[] values) {
        return new CellChunk(7, new int[] {0, genes.length}, genes, values);
    }

    @Test
    void ranksByValueAndBreaksTiesByLowerGeneIndex() {
        TopGenesSelector s = new TopGenesSelector(TopGenesOptions.DEFAULTS.withTopN(4), SYMBOLS);
        TopGenes t = s.select(oneCell(new int[] {0, 2, 4, 7, 8}, new float[] {3, 5, 3, 5, 3}), 0);
        assertArrayEquals(new int[] {2, 7, 0, 4}, t.genes());
        assertArrayEquals(new String[] {"B", "D", "A", "C"}, t.symbols());
        assertArrayEquals(new float[] {5, 5, 3, 3}, t.weights());
        assertEquals("B D A C", t.sentence());
        assertEquals(7, t.cell());
    }

    @Test
    void neverReportsZerosEvenWhenFewerGenesThanRequested() {
        TopGenesSelector s = new TopGenesSelector(TopGenesOptions.DEFAULTS, SYMBOLS);
        TopGenes t = s.select(oneCell(new int[] {0, 2, 4}, new float[] {0, 2, 0}), 0);
        assertArrayEquals(new int[] {2}, t.genes());
        TopGenes empty = s.select(oneCell(new int[0], new float[0]), 0);
        assertEquals(0, empty.size());
        assertEquals("", empty.sentence());
    }

    @Test
    void mitochondrialAndRibosomalPresetsRemoveHumanAndMouseGenes() {
        TopGenesOptions o = TopGenesOptions.DEFAULTS.withExclusionPresets(
            Set.of(ExclusionPreset.MITOCHONDRIAL, ExclusionPreset.RIBOSOMAL));
        boolean[] mask = o.exclusionMask(SYMBOLS);
        assertArrayEquals(new boolean[] {false, true, false, true, false, true, true, false, false, true}, mask);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] v = {1, 100, 2, 90, 3, 80, 70, 4, 5, 60};
        TopGenes t = new TopGenesSelector(o, SYMBOLS).select(oneCell(all, v), 0);
        assertEquals("E D C B A", t.sentence());
        TopGenes onlyMito = new TopGenesSelector(
            TopGenesOptions.DEFAULTS.withExclusionPresets(Set.of(ExclusionPreset.MITOCHONDRIAL)).withTopN(3), SYMBOLS)
            .select(oneCell(all, v), 0);
        assertEquals("RPS3 Rpl7 RPLP0", onlyMito.sentence());
    }

    @Test
    void customPatternsAddToPresetsAndInvalidOnesAreRejectedWithTheirText() {
        TopGenesOptions o = TopGenesOptions.DEFAULTS.withExclusionPatterns(List.of("^[AB]$"));
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false, false, false},
            o.exclusionMask(SYMBOLS));
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> TopGenesOptions.DEFAULTS.withExclusionPatterns(List.of("^MT-(")));
        assertTrue(e.getMessage().contains("^MT-("), e.getMessage());
    }

    @Test
    void normalisationsReportCountsPer10kAndTheirLog1p() {
        int[] g = {0, 2, 4};
        float[] v = {1, 3, 6};
        TopGenes cp = new TopGenesSelector(TopGenesOptions.DEFAULTS.withNormalization(Normalization.CP10K), SYMBOLS)
            .select(oneCell(g, v), 0);
        assertArrayEquals(new float[] {6000f, 3000f, 1000f}, cp.weights(), 1e-3f);
        TopGenes lg = new TopGenesSelector(TopGenesOptions.DEFAULTS.withNormalization(Normalization.LOG1P_CP10K),
            SYMBOLS).select(oneCell(g, v), 0);
        assertArrayEquals(new float[] {(float) Math.log(6001), (float) Math.log(3001), (float) Math.log(1001)},
            lg.weights(), 1e-5f);
        assertArrayEquals(cp.genes(), lg.genes());
        TopGenes explicitTotal = new TopGenesSelector(TopGenesOptions.DEFAULTS.withNormalization(Normalization.CP10K),
            SYMBOLS).select(3, g, v, 0, 3, 20);
        assertArrayEquals(new float[] {3000f, 1500f, 500f}, explicitTotal.weights(), 1e-3f);
    }

    @Test
    void negativeValuesUnderNormalisationAreRejectedNamingCellAndGene() {
        TopGenesSelector s = new TopGenesSelector(TopGenesOptions.DEFAULTS.withNormalization(Normalization.CP10K),
            SYMBOLS);
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> s.select(oneCell(new int[] {0, 2}, new float[] {4, -1}), 0));
        assertTrue(e.getMessage().contains("Cell 7") && e.getMessage().contains("B"), e.getMessage());
    }

    @Test
    void geneIndexOutsideTheGeneListIsRejected() {
        TopGenesSelector s = new TopGenesSelector(TopGenesOptions.DEFAULTS, SYMBOLS);
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> s.select(oneCell(new int[] {0, 10}, new float[] {4, 1}), 0));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
    }

    @Test
    void optionsRejectImpossibleValues() {
        assertThrows(InvalidInputException.class, () -> TopGenesOptions.DEFAULTS.withTopN(0));
        assertThrows(InvalidInputException.class,
            () -> TopGenesOptions.DEFAULTS.withHighlyVariableGenes(-1, HvgFlavor.SEURAT_DISPERSION));
        assertThrows(InvalidInputException.class,
            () -> new TopGenesSelector(TopGenesOptions.DEFAULTS.withHighlyVariableGenes(5, HvgFlavor.LOG_VARIANCE),
                SYMBOLS));
    }

    @Test
    void heapSelectionMatchesAFullStableSortOnRandomCells() {
        java.util.Random rnd = new java.util.Random(42);
        String[] symbols = new String[300];
        for (int g = 0; g < symbols.length; g++) {
            symbols[g] = "G" + g;
        }
        TopGenesSelector s = new TopGenesSelector(TopGenesOptions.DEFAULTS, symbols);
        for (int trial = 0; trial < 500; trial++) {
            int nnz = rnd.nextInt(60);
            int[] genes = rnd.ints(0, symbols.length).distinct().limit(nnz).sorted().toArray();
            float[] values = new float[genes.length];
            for (int k = 0; k < values.length; k++) {
                values[k] = rnd.nextInt(6); // small integers: many ties and zeros
            }
            Integer[] order = new Integer[genes.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Float.compare(values[b], values[a])); // stable: gene order kept on ties
            int[] expected = Arrays.stream(order).filter(k -> values[k] != 0).limit(20).mapToInt(k -> genes[k])
                .toArray();
            assertArrayEquals(expected, s.select(trial, genes, values, 0, genes.length, 1).genes(), "trial " + trial);
        }
    }

    @Test
    void agreesWithNumpyStableArgsortOnEveryPbmcCell() throws IOException {
        Path dir = TestData.file("pbmc68k_reduced/counts_10x_mtx/matrix.mtx.gz").getParent();
        CellChunk cells = TestData.readMtxAsCells(dir.resolve("matrix.mtx.gz"));
        String[] symbols = TestData.column(dir.resolve("features.tsv.gz"), 1, "\t").toArray(String[]::new);
        TopGenesSelector plain = new TopGenesSelector(
            TopGenesOptions.DEFAULTS.withNormalization(Normalization.LOG1P_CP10K), symbols);
        TopGenesSelector filtered = new TopGenesSelector(TopGenesOptions.DEFAULTS
            .withExclusionPresets(Set.of(ExclusionPreset.MITOCHONDRIAL, ExclusionPreset.RIBOSOMAL)), symbols);
        List<TopGenes> all = plain.selectAll(cells, CancellationToken.NONE);
        List<TopGenes> noMitoRibo = filtered.selectAll(cells, CancellationToken.NONE);
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/genes/pbmc68k_top20_expected.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] t = line.split("\t", -1);
                int c = Integer.parseInt(t[0]);
                assertArrayEquals(ints(t[1]), all.get(c).genes(), "cell " + c);
                float[] w = all.get(c).weights();
                String[] ew = t[2].split(",");
                for (int k = 0; k < ew.length; k++) {
                    assertEquals(Double.parseDouble(ew[k]), w[k], 1e-5, "cell " + c + " rank " + k);
                }
                assertArrayEquals(ints(t[3]), noMitoRibo.get(c).genes(), "cell " + c + " without mito/ribo");
                checked++;
            }
        }
        assertEquals(cells.count(), checked);
        assertEquals(700, checked);
    }

    private static int[] ints(String csv) {
        return csv.isEmpty() ? new int[0] : Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
