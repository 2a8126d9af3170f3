package io.github.scllm.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.scllm.core.SharedTestData;

/** Two columns with one symbol are read as one gene whose value is their sum in each cell. */
class SummedDuplicateGenesTest {

    @Test
    void realPbmcCountsWithOneSymbolOnTwoGenesGiveTheirSumPerCell(@TempDir Path dir) throws Exception {
        Path original = SharedTestData.path("pbmc68k_reduced/counts_10x_mtx");
        Path copy = Files.createDirectories(dir.resolve("counts"));
        Files.copy(original.resolve("matrix.mtx.gz"), copy.resolve("matrix.mtx.gz"));
        Files.copy(original.resolve("barcodes.tsv.gz"), copy.resolve("barcodes.tsv.gz"));
        List<String> features = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
            Files.newInputStream(original.resolve("features.tsv.gz"))), StandardCharsets.UTF_8))) {
            r.lines().forEach(features::add);
        }
        // the 11th feature takes the symbol of the 2nd, as when two Ensembl genes share one name
        String[] second = features.get(1).split("\t");
        String[] eleventh = features.get(10).split("\t");
        features.set(10, eleventh[0] + "\t" + second[1] + "\t" + eleventh[2]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(copy.resolve("features.tsv.gz")))) {
            out.write((String.join("\n", features) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        try (CellMatrixReader before = CellMatrixReaders.open(original, ReadOptions.DEFAULTS);
             CellMatrixReader after = CellMatrixReaders.open(copy, ReadOptions.DEFAULTS)) {
            MatrixSummary b = before.summary();
            MatrixSummary a = after.summary();
            assertEquals(b.geneCount() - 1, a.geneCount());
            assertEquals(List.of(second[1]), after.report().summedGenes());
            assertTrue(after.report().summedGenesWarning().contains(second[1]), after.report().summedGenesWarning());
            assertEquals(1, Arrays.stream(a.geneSymbols()).filter(second[1]::equals).count());
            assertEquals(b.geneCount() - 1, a.var().rowCount());
            // genes after the 11th move one place up
            assertEquals(b.geneSymbols()[11], a.geneSymbols()[10]);
            CellChunk cb = before.read(0, b.cellCount());
            CellChunk ca = after.read(0, a.cellCount());
            int summedCells = 0;
            for (int c = 0; c < b.cellCount(); c++) {
                float[] dense = new float[b.geneCount()];
                int[] g = cb.genesOf(c);
                float[] v = cb.valuesOf(c);
                for (int k = 0; k < g.length; k++) {
                    dense[g[k]] = v[k];
                }
                float[] want = new float[a.geneCount()];
                for (int x = 0; x < b.geneCount(); x++) {
                    want[x == 10 ? 1 : x < 10 ? x : x - 1] += dense[x];
                }
                summedCells += dense[1] > 0 && dense[10] > 0 ? 1 : 0;
                float[] got = new float[a.geneCount()];
                int[] ga = ca.genesOf(c);
                float[] va = ca.valuesOf(c);
                for (int k = 0; k < ga.length; k++) {
                    assertTrue(k == 0 || ga[k - 1] < ga[k], "genes ascend in cell " + c);
                    got[ga[k]] = va[k];
                }
                assertTrue(Arrays.equals(want, got), "cell " + c);
            }
            assertTrue(summedCells > 0, "some cells express both genes");
        }
    }
}
