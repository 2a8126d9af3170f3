package io.github.scllm.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.RPeer;
import io.github.scllm.core.SharedTestData;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.classify.PythonOracle;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality against uwot (Debian r-cran-uwot) on the same input, pbmc68k's PCA-50: trustworthiness at k = 15
 * (scikit-learn's) of our layout within 0.02 of uwot's, and the same seed giving the same layout. Skipped without
 * Rscript/uwot, scikit-learn or the shared data.
 */
class UmapTrustworthinessTest {
    @TempDir
    Path tmp;

    @Test
    void trustworthinessIsWithinTwoHundredthsOfUwotsAndTheSeedReproducesTheLayout() throws Exception {
        assumeTrue(RPeer.hasPackages("uwot"), "Rscript with uwot not available");
        assumeTrue(PythonOracle.hasModules("sklearn.manifold"), "system python3 lacks scikit-learn");
        float[][] x;
        try (CellMatrixReader reader = CellMatrixReaders.open(SharedTestData.path("pbmc68k_reduced/counts_10x_mtx"),
            ReadOptions.DEFAULTS)) {
            CellData cells = CellData.read(reader, null, false, ExpressionScale.COUNTS, CancellationToken.NONE,
                ProgressListener.NONE);
            int[] all = new int[cells.cellCount()];
            Arrays.setAll(all, i -> i);
            ExpressionRows rows = cells.expressionRows(all);
            x = ExpressionPca.fit(rows, null, PcaOptions.DEFAULTS.withThreads(2), CancellationToken.NONE,
                ProgressListener.NONE).transform(rows);
        }
        Umap.Options options = Umap.Options.DEFAULTS.withThreads(2);
        float[][] ours = Umap.layout(x, DistanceMetric.EUCLIDEAN, Integer.MAX_VALUE, options, CancellationToken.NONE,
            ProgressListener.NONE);
        float[][] again = Umap.layout(x, DistanceMetric.EUCLIDEAN, Integer.MAX_VALUE, options,
            CancellationToken.NONE, ProgressListener.NONE);
        for (int i = 0; i < ours.length; i++) {
            assertArrayEquals(ours[i], again[i]);
        }
        Path vectors = write(tmp.resolve("x.tsv"), x);
        Path mine = write(tmp.resolve("ours.tsv"), ours);
        Path uwot = tmp.resolve("uwot.tsv");
        RPeer.run(Path.of("src/test/resources/report/scripts/uwot_layout.R"), List.of(vectors.toString(),
            uwot.toString()));
        JsonNode t = PythonOracle.run(Path.of("src/test/resources/report/scripts/trustworthiness.py"), List.of(
            vectors.toString(), "15", mine.toString(), uwot.toString()), tmp.resolve("t.json"));
        double oursT = t.get(0).asDouble();
        double uwotT = t.get(1).asDouble();
        System.out.printf(Locale.ROOT, "UMAP trustworthiness (k=15) on pbmc68k PCA-50: ours %.4f, uwot %.4f%n", oursT,
            uwotT);
        assertTrue(oursT >= uwotT - 0.02, "ours " + oursT + " vs uwot " + uwotT);
    }

    private static Path write(Path file, float[][] rows) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (float[] r : rows) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < r.length; j++) {
                    sb.append(j == 0 ? "" : "\t").append(r[j]);
                }
                w.write(sb.append('\n').toString());
            }
        }
        return file;
    }
}
