package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.SharedTestData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QcCommandTest {

    @Test
    void writesOneRowPerCellWithScanpysColumnsAndTheSummaryAndGeneTables(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("qc.tsv");
        Path summary = dir.resolve("summary.tsv");
        Path genes = dir.resolve("genes.tsv");
        MainTest.Run r = MainTest.run("qc", "--input", SharedTestData.file(
            "mouse_lung_aec2/mouse_lung_aec2_counts.h5ad").toString(), "--batch-column", "sample_type", "--out",
            out.toString(), "--summary", summary.toString(), "--genes", genes.toString(), "--min-cells", "10");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("cell_id\ttotal_counts\tn_genes_by_counts\tpct_counts_mt\tpct_counts_ribo\tpct_counts_hb\t"
            + "outlier_total_counts\toutlier_n_genes_by_counts\toutlier_pct_counts_mt\tkeep", lines.get(0));
        assertEquals(549 + 1, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            boolean anyFlag = Boolean.parseBoolean(f[6]) || Boolean.parseBoolean(f[7]) || Boolean.parseBoolean(f[8]);
            assertEquals(!anyFlag, Boolean.parseBoolean(f[9]), line);
            assertTrue(Double.parseDouble(f[1]) > 0 && Integer.parseInt(f[2]) > 0, line);
        }
        List<String> s = Files.readAllLines(summary);
        long batches = s.stream().skip(1).map(l -> l.split("\t")[1]).distinct().count();
        assertTrue(batches > 1, "thresholds per sample_type: " + s);
        assertEquals(3 * batches + 1, s.size());
        List<String> g = Files.readAllLines(genes);
        assertEquals(2000 + 1, g.size());
        for (String line : g.subList(1, g.size())) {
            String[] f = line.split("\t");
            assertEquals(Integer.parseInt(f[1]) >= 10, Boolean.parseBoolean(f[3]), line);
        }
        assertTrue(r.err().contains("kept"), r.err());
    }

    @Test
    void anUnknownBatchColumnIsInvalidInputAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("qc.tsv");
        MainTest.Run r = MainTest.run("qc", "--input", SharedTestData.path("pbmc68k_reduced/counts_10x_mtx")
            .toString(), "--batch-column", "donor", "--out", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("donor"), r.err());
        assertFalse(Files.exists(out));
    }
}
