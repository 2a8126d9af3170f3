package io.github.scllm.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.PythonOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionPcaTest {
    private static final Path DIR = Path.of("src/test/resources/learn");

    static float[][] csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(name));
        float[][] x = new float[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            x[i - 1] = new float[f.length];
            for (int j = 0; j < f.length; j++) {
                x[i - 1][j] = Float.parseFloat(f[j]);
            }
        }
        return x;
    }

    private static JsonNode expected() throws Exception {
        JsonNode committed = PythonOracle.read(DIR.resolve("pca_expected.json"));
        if (!PythonOracle.hasModules("sklearn", "numpy")) {
            return committed;
        }
        Path out = Files.createTempFile("pca-expected", ".json");
        try {
            JsonNode fresh = PythonOracle.run(DIR.resolve("scripts/pca_oracle.py"), List.of(DIR.toString()), out);
            double[] a = PythonOracle.doubles(committed.get("explained_variance"));
            double[] b = PythonOracle.doubles(fresh.get("explained_variance"));
            assertArrayEquals(a, b, 1e-9, "committed pca_expected.json is stale: regenerate it");
            return fresh;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void randomizedPcaAgreesWithScikitLearnUpToSign() throws Exception {
        JsonNode e = expected();
        float[][] train = csv("pca_train.csv");
        float[][] query = csv("pca_query.csv");
        int k = e.get("components").asInt();
        PcaOptions o = PcaOptions.DEFAULTS.withHighlyVariableGenes(0).withComponents(k).withSeed(3).withThreads(2);
        ExpressionPca pca = ExpressionPca.fit(ExpressionRows.dense(train), null, o, CancellationToken.NONE,
                ProgressListener.NONE);
        double[] ev = PythonOracle.doubles(e.get("explained_variance"));
        double[] ratio = PythonOracle.doubles(e.get("explained_variance_ratio"));
        float[][] proj = pca.transform(ExpressionRows.dense(query));
        double worstEv = 0;
        double worstProj = 0;
        double worstLoading = 0;
        double worstRatio = 0;
        for (int c = 0; c < k; c++) {
            worstEv = Math.max(worstEv, Math.abs(ev[c] - pca.explainedVariance()[c]) / ev[c]);
            worstRatio = Math.max(worstRatio, Math.abs(ratio[c] - pca.explainedVarianceRatio()[c]) / ratio[c]);
            double[] loading = PythonOracle.doubles(e.get("loadings").get(c));
            double[] ours = pca.component(c);
            double dot = 0;
            for (int a = 0; a < loading.length; a++) {
                dot += loading[a] * ours[a];
            }
            double sign = Math.signum(dot);
            for (int a = 0; a < loading.length; a++) {
                worstLoading = Math.max(worstLoading, Math.abs(loading[a] - sign * ours[a]));
            }
            for (int i = 0; i < query.length; i++) {
                double ref = e.get("query_projection").get(i).get(c).asDouble();
                worstProj = Math.max(worstProj, Math.abs(ref - sign * proj[i][c]));
            }
        }
        System.out.printf("PCA vs scikit-learn: variance rel %.2e, ratio rel %.2e, loading %.2e, projection %.2e%n", worstEv, worstRatio,
                worstLoading, worstProj);
        assertTrue(worstRatio < 1e-4 && worstEv < 1e-4, "explained variance relative error " + worstEv);
        assertTrue(worstLoading < 1e-3, "loading error " + worstLoading);
        assertTrue(worstProj < 1e-3, "projection error " + worstProj);
    }

    @Test
    void sameSeedGivesIdenticalProjection() throws Exception {
        float[][] train = csv("pca_train.csv");
        PcaOptions o = PcaOptions.DEFAULTS.withHighlyVariableGenes(30).withComponents(5).withSeed(11);
        float[][] a = ExpressionPca.fit(ExpressionRows.dense(train), null, o.withThreads(1), CancellationToken.NONE,
                ProgressListener.NONE).transform(ExpressionRows.dense(train));
        float[][] b = ExpressionPca.fit(ExpressionRows.dense(train), null, o.withThreads(3), CancellationToken.NONE,
                ProgressListener.NONE).transform(ExpressionRows.dense(train));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "row " + i);
        }
    }

    @Test
    void sparseAndDenseRowsGiveTheSameModel() throws Exception {
        float[][] train = csv("pca_train.csv");
        int[][] idx = new int[train.length][];
        float[][] val = new float[train.length][];
        for (int i = 0; i < train.length; i++) {
            int nz = 0;
            for (float v : train[i]) {
                nz += v != 0 ? 1 : 0;
            }
            idx[i] = new int[nz];
            val[i] = new float[nz];
            for (int j = 0, p = 0; j < train[i].length; j++) {
                if (train[i][j] != 0) {
                    idx[i][p] = j;
                    val[i][p++] = train[i][j];
                }
            }
        }
        PcaOptions o = PcaOptions.DEFAULTS.withHighlyVariableGenes(0).withComponents(4).withThreads(1);
        float[][] dense = ExpressionPca.fit(ExpressionRows.dense(train), null, o, CancellationToken.NONE,
                ProgressListener.NONE).transform(ExpressionRows.dense(train));
        float[][] sparse = ExpressionPca.fit(ExpressionRows.sparse(idx, val, train[0].length), null, o,
                CancellationToken.NONE, ProgressListener.NONE).transform(ExpressionRows.dense(train));
        for (int i = 0; i < dense.length; i++) {
            assertArrayEquals(dense[i], sparse[i], "row " + i);
        }
    }

    @Test
    void highlyVariableGenesPreferOverdispersedGenes() {
        // all genes have mean 5 counts (one dispersion bin); gene 0 is constant, genes 1..9 alternate 5 -+ (j % 4),
        // gene 10 is bursty (40 in every eighth cell, else 0) and so by far the most over-dispersed
        float[][] rows = new float[40][11];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 10; j++) {
                int d = j % 4;
                rows[i][j] = (float) Math.log1p(i % 2 == 0 ? 5 - d : 5 + d);
            }
            rows[i][10] = (float) Math.log1p(i % 8 == 0 ? 40 : 0);
        }
        ExpressionPca pca = ExpressionPca.fit(ExpressionRows.dense(rows), null,
                PcaOptions.DEFAULTS.withHighlyVariableGenes(1).withComponents(1), CancellationToken.NONE,
                ProgressListener.NONE);
        assertArrayEquals(new int[] {10}, pca.selectedGenes());
    }

    @Test
    void transductiveModeCentresOnTrainingRows() throws Exception {
        float[][] train = csv("pca_train.csv");
        float[][] query = csv("pca_query.csv");
        ExpressionPca pca = ExpressionPca.fit(ExpressionRows.dense(train), ExpressionRows.dense(query),
                PcaOptions.DEFAULTS.withHighlyVariableGenes(0).withComponents(5).withTransductive(true),
                CancellationToken.NONE, ProgressListener.NONE);
        float[][] proj = pca.transform(ExpressionRows.dense(train));
        for (int c = 0; c < 5; c++) {
            double mean = 0;
            for (float[] p : proj) {
                mean += p[c];
            }
            assertEquals(0, mean / proj.length, 1e-4, "training mean of component " + c);
        }
        assertThrows(InvalidInputException.class, () -> ExpressionPca.fit(ExpressionRows.dense(train), null,
                PcaOptions.DEFAULTS.withTransductive(true).withComponents(2), CancellationToken.NONE,
                ProgressListener.NONE));
    }

    @Test
    void transformRejectsAnotherGeneCount() throws Exception {
        float[][] train = csv("pca_train.csv");
        ExpressionPca pca = ExpressionPca.fit(ExpressionRows.dense(train), null,
                PcaOptions.DEFAULTS.withHighlyVariableGenes(0).withComponents(2), CancellationToken.NONE,
                ProgressListener.NONE);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> pca.transform(ExpressionRows.dense(new float[][] {{1, 2, 3}})));
        assertTrue(e.getMessage().contains("fitted on 60 genes but the rows have 3"), e.getMessage());
    }

    @Test
    void tooManyComponentsAreRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExpressionPca.fit(
                ExpressionRows.dense(new float[][] {{1, 2}, {2, 1}, {0, 1}}), null, PcaOptions.DEFAULTS,
                CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("50 components asked but only 2"), e.getMessage());
    }

    @Test
    void modelRoundTripsThroughBytesExactly() throws Exception {
        float[][] train = csv("pca_train.csv");
        float[][] query = csv("pca_query.csv");
        ExpressionPca pca = ExpressionPca.fit(ExpressionRows.dense(train), null,
                PcaOptions.DEFAULTS.withHighlyVariableGenes(40).withComponents(6), CancellationToken.NONE,
                ProgressListener.NONE);
        byte[] bytes = pca.toBytes();
        ExpressionPca back = ExpressionPca.fromBytes(bytes);
        assertArrayEquals(bytes, back.toBytes());
        float[][] a = pca.transform(ExpressionRows.dense(query));
        float[][] b = back.transform(ExpressionRows.dense(query));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "row " + i);
        }
        assertThrows(InvalidInputException.class,
                () -> ExpressionPca.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 9)));
        assertThrows(io.github.scllm.core.UnsupportedFormatException.class,
                () -> ExpressionPca.fromBytes(new byte[] {0, 0, 0, 1, 0, 0, 0, 1}));
    }
}
