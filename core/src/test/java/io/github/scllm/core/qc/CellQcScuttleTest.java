package io.github.scllm.core.qc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.RPeer;
import io.github.scllm.core.SharedTestData;
import io.github.scllm.core.genes.MarkerSource;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement with scuttle's perCellQCMetrics and isOutlier (Debian r-bioc-scuttle), run at test time by the committed
 * script {@code qc/scripts/qc_oracle.R} on the same public 10x folders: every metric to 1e-9 relative and every
 * outlier flag equal. Skipped when Rscript or scuttle is missing or the shared data are not configured.
 */
class CellQcScuttleTest {
    @TempDir
    Path tmp;

    @Test
    void pbmc68kCountsMatchScuttleWithoutAndWithBatches() throws Exception {
        Path folder = SharedTestData.path("pbmc68k_reduced/counts_10x_mtx");
        Path labels = SharedTestData.file("pbmc68k_reduced/cell_labels.tsv");
        QcResult plain = compare(folder, null, null);
        assertEquals(700, plain.cellCount());
        assertEquals(1, plain.mitochondrialGeneCount(), "MT-ND3 is the file's one mitochondrial gene");
        List<String[]> rows = RPeer.rows(labels);
        String[] batches = rows.stream().map(r -> r[1]).toArray(String[]::new);
        QcResult batched = compare(folder, labels, batches);
        assertEquals(10 * 3, batched.thresholds().size(), "three metrics in each of the ten bulk_labels batches");
    }

    @Test
    void tenxV3FixtureMatchesScuttle() throws Exception {
        QcResult r = compare(SharedTestData.path("10x_format_fixtures/v3_cellranger3/filtered_feature_bc_matrix"),
            null, null);
        assertTrue(r.cellCount() > 1000);
    }

    private QcResult compare(Path folder, Path batchFile, String[] batches) throws Exception {
        assumeTrue(RPeer.hasPackages("Matrix", "scuttle"), "Rscript with Matrix and scuttle not available");
        Path out = tmp.resolve("scuttle" + (batchFile == null ? "" : "_batch") + ".tsv");
        RPeer.run(Path.of("src/test/resources/qc/scripts/qc_oracle.R"), List.of(folder.toString(),
            batchFile == null ? "-" : batchFile.toString(), out.toString()));
        List<String[]> want = RPeer.rows(out);
        QcResult r;
        try (CellMatrixReader reader = CellMatrixReaders.open(folder, ReadOptions.DEFAULTS)) {
            r = CellQc.compute(MarkerSource.of(reader, 256), reader.summary().cellCount(),
                reader.summary().geneSymbols(), batches, QcOptions.DEFAULTS, CancellationToken.NONE,
                ProgressListener.NONE);
        }
        assertEquals(want.size(), r.cellCount());
        boolean[][] flags = new boolean[3][want.size()];
        int flagged = 0;
        for (int i = 0; i < want.size(); i++) {
            String[] w = want.get(i);
            close(Double.parseDouble(w[0]), r.totalCounts()[i], "sum of cell " + i);
            assertEquals(Integer.parseInt(w[1]), r.genesDetected()[i], "detected of cell " + i);
            close(Double.parseDouble(w[2]), r.pctMitochondrial()[i], "mt percent of cell " + i);
            close(Double.parseDouble(w[3]), r.pctRibosomal()[i], "ribo percent of cell " + i);
            close(Double.parseDouble(w[4]), r.pctHaemoglobin()[i], "hb percent of cell " + i);
            for (int f = 0; f < 3; f++) {
                flags[f][i] = Boolean.parseBoolean(w[5 + f].toLowerCase());
                flagged += flags[f][i] ? 1 : 0;
            }
        }
        assertArrayEquals(flags[0], r.lowCounts(), "low-count outliers differ from isOutlier");
        assertArrayEquals(flags[1], r.lowGenes(), "low-gene outliers differ from isOutlier");
        assertArrayEquals(flags[2], r.highMitochondrial(), "high-mt outliers differ from isOutlier");
        System.out.printf("QC vs scuttle on %s%s: %d cells, %d outlier flags, all equal%n", folder.getFileName(),
            batches == null ? "" : " (per batch)", r.cellCount(), flagged);
        return r;
    }

    private static void close(double want, double got, String what) {
        assertEquals(want, got, 1e-9 * Math.max(1, Math.abs(want)), what);
    }
}
