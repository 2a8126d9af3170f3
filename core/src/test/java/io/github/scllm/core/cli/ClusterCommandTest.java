package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.SharedTestData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {

    @Test
    void clustersTheRawCountsOfPbmc68kIntoSizeOrderedClustersOneRowPerCell(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("clusters.tsv");
        Path folder = SharedTestData.path("pbmc68k_reduced/counts_10x_mtx");
        MainTest.Run r = MainTest.run("cluster", "--input", folder.toString(), "--threads", "2", "--out",
            out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("cell_id\tcluster", lines.get(0));
        assertEquals(701, lines.size());
        List<String> barcodes = Files.readAllLines(SharedTestData.file("pbmc68k_reduced/cell_labels.tsv"));
        int[] size = new int[700];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            assertEquals(barcodes.get(i).split("\t")[0], f[0]);
            size[Integer.parseInt(f[1])]++;
        }
        int clusters = 0;
        while (clusters < size.length && size[clusters] > 0) {
            clusters++;
        }
        assertTrue(clusters >= 4 && clusters <= 20, clusters + " clusters");
        for (int c = 1; c < clusters; c++) {
            assertTrue(size[c - 1] >= size[c], "cluster 0 is the largest, then 1, ...");
        }
    }

    @Test
    void anUnknownWeightingIsAUsageError(@TempDir Path dir) {
        MainTest.Run r = MainTest.run("cluster", "--input", dir.toString(), "--weights", "jaccard", "--out",
            dir.resolve("x.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("jaccard"), r.err());
    }
}
