package io.github.scllm.core.io;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the real public files of the shared test data folder (system property {@code scllm.testdata}) and compares
 * shape, stored values and sum with what anndata/h5py/scipy report (scripts/expected_shared_data.py).
 */
class SharedDataTest {

    static Path dataDir() {
        return SharedTestData.folder();
    }

    static JsonNode committedExpectations() throws IOException {
        try (var in = SharedDataTest.class.getResourceAsStream("/expected_shared_data.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Map<String, MatrixStatistics> ours(Path dir, JsonNode expected) {
        Map<String, MatrixStatistics> out = new TreeMap<>();
        for (var it = expected.fieldNames(); it.hasNext();) {
            String key = it.next();
            Path p = dir.resolve(key);
            assertTrue(Files.exists(p), "missing test data file " + p);
            out.put(key, MatrixStatistics.of(p, ReadOptions.DEFAULTS.withInvalidValues(InvalidValuePolicy.WARN)));
        }
        return out;
    }

    static void compare(JsonNode expected, Map<String, MatrixStatistics> actual) {
        assertEquals(expected.size(), actual.size());
        for (var it = expected.fields(); it.hasNext();) {
            var e = it.next();
            MatrixStatistics s = actual.get(e.getKey());
            JsonNode x = e.getValue();
            assertEquals(x.get("format").asText(), s.format(), e.getKey());
            assertEquals(x.get("n_cells").asInt(), s.nCells(), e.getKey());
            assertEquals(x.get("n_genes").asInt(), s.nGenes(), e.getKey());
            assertEquals(x.get("nnz").asLong(), s.nnz(), e.getKey());
            double sum = x.get("sum").asDouble();
            assertEquals(sum, s.sum(), Math.max(1e-6 * Math.abs(sum), 1e-6), e.getKey());
        }
    }

    @Test
    void everySharedMatrixMatchesTheCommittedPythonFigures() throws IOException {
        Path dir = dataDir();
        JsonNode expected = committedExpectations();
        assertTrue(expected.size() >= 7);
        compare(expected, ours(dir, expected));
    }

    @Test
    void everySharedMatrixMatchesAFreshPythonRunWhenAnndataIsInstalled() throws Exception {
        Path dir = dataDir();
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no system python");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import anndata, h5py, scipy")
            .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3-anndata not installed");
        Path script = Path.of(SharedDataTest.class.getResource("/scripts/expected_shared_data.py").toURI());
        Path out = Files.createTempFile("expected-shared", ".json");
        try {
            List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), dir.toString(),
                out.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python did not finish");
            assertEquals(0, p.exitValue(), log);
            JsonNode expected = new ObjectMapper().readTree(out.toFile());
            compare(expected, ours(dir, expected));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void theMouseLungTableJoinedWithItsMetadataMatchesTheH5adCopy() {
        Path dir = dataDir().resolve("mouse_lung_aec2");
        ReadOptions csv = ReadOptions.DEFAULTS.withOrientation(Orientation.GENES_BY_CELLS)
            .withMetadataFile(dir.resolve("meta-data.csv.gz"));
        try (CellMatrixReader text = CellMatrixReaders.open(dir.resolve("matrix.csv.gz"), csv);
            CellMatrixReader h5ad = CellMatrixReaders.open(dir.resolve("mouse_lung_aec2_counts.h5ad"),
                ReadOptions.DEFAULTS)) {
            MatrixSummary t = text.summary();
            assertEquals(549, t.cellCount());
            assertEquals(2000, t.geneCount());
            assertEquals(MatrixFormat.DELIMITED, t.format());
            assertEquals(0, text.report().cellsWithoutMetadata());
            AnnotationColumn type = t.obs().column("cell_type").orElseThrow();
            assertEquals(ColumnType.STRING, type.type());
            assertEquals(ColumnType.INTEGER, t.obs().column("nGene").orElseThrow().type());
            assertEquals(ColumnType.DOUBLE, t.obs().column("tSNE_1").orElseThrow().type());
            assertEquals("Club", type.text(0));
            assertEquals(t.cellIds().length, h5ad.summary().cellIds().length);
            // the h5ad copy is the same matrix, transposed; compare cell by cell through the IDs
            Map<String, Integer> row = new java.util.HashMap<>();
            for (int i = 0; i < h5ad.summary().cellCount(); i++) {
                row.put(h5ad.summary().cellIds()[i], i);
            }
            assertEquals(java.util.Arrays.asList(t.geneSymbols()), java.util.Arrays.asList(h5ad.summary()
                .geneSymbols()));
            double[][] a = Fixtures.dense(text, 100);
            double[][] b = Fixtures.dense(h5ad, 64);
            for (int i = 0; i < a.length; i++) {
                Integer j = row.get(t.cellIds()[i]);
                assertTrue(j != null, "cell " + t.cellIds()[i] + " not in the h5ad");
                assertTrue(java.util.Arrays.equals(a[i], b[j]), "cell " + t.cellIds()[i] + " differs");
            }
        }
    }
}
