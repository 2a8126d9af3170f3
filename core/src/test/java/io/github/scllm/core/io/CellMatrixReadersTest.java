package io.github.scllm.core.io;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.scllm.core.InvalidInputException;

class CellMatrixReadersTest {
    private static final JsonNode EXPECTED = Fixtures.expected();

    static ReadOptions optionsFor(String name) {
        ReadOptions o = ReadOptions.DEFAULTS;
        if (name.equals("genes_by_cells.csv")) {
            o = o.withMetadataFile(Fixtures.file("cells_metadata.csv"));
        }
        if (name.equals("cells_by_genes.tsv.gz")) {
            o = o.withOrientation(Orientation.CELLS_BY_GENES);
        }
        return o;
    }

    static void assertMatrix(JsonNode expected, double[][] actual, String what) {
        assertEquals(expected.size(), actual.length, what + ": cells");
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected.get(i).size(), actual[i].length, what + ": genes");
            for (int j = 0; j < actual[i].length; j++) {
                assertEquals(expected.get(i).get(j).asDouble(), actual[i][j], 1e-6, what + " cell " + i + " gene " + j);
            }
        }
    }

    static String[] texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anndata08_csr.h5ad", "anndata08_csc.h5ad", "anndata08_dense.h5ad", "anndata07.h5ad",
        "legacy06.h5ad", "tenx_v3.h5", "tenx_v2.h5", "genes_by_cells.csv",
        "cells_by_genes.tsv.gz"})
    void everyFixtureReadsBackTheValuesTheScriptWrote(String name) {
        JsonNode e = EXPECTED.get(name);
        Path p = Fixtures.file(name);
        assertEquals(e.get("format").asText(), CellMatrixReaders.detect(p).id());
        for (int chunk : new int[] {1, 5, 100}) {
            try (CellMatrixReader r = CellMatrixReaders.open(p, optionsFor(name))) {
                MatrixSummary s = r.summary();
                assertEquals(e.get("n_cells").asInt(), s.cellCount());
                assertEquals(e.get("n_genes").asInt(), s.geneCount());
                assertArrayEquals(texts(e.get("cell_ids")), s.cellIds());
                assertArrayEquals(texts(e.get("gene_symbols")), s.geneSymbols());
                assertMatrix(e.get("matrix"), Fixtures.dense(r, chunk), name);
                if (e.has("skipped_features")) {
                    assertEquals(e.get("skipped_features").asInt(), r.report().skippedFeatures());
                }
                if (e.has("cells_without_metadata")) {
                    assertEquals(e.get("cells_without_metadata").asInt(), r.report().cellsWithoutMetadata());
                }
                e.get("obs").fields().forEachRemaining(col -> assertObsColumn(s.obs(), col.getKey(), col.getValue()));
                assertEquals(e.get("obs").size(), s.obs().columns().size(), "obs columns of " + name);
            }
        }
        MatrixStatistics st = MatrixStatistics.of(p, optionsFor(name));
        assertEquals(e.get("nnz").asLong(), st.nnz());
        assertEquals(e.get("sum").asDouble(), st.sum(), 1e-9);
        assertEquals(e.get("format").asText(), st.format());
    }

    static void assertObsColumn(AnnotationTable obs, String name, JsonNode e) {
        AnnotationColumn c = obs.column(name).orElseThrow(() -> new AssertionError("no obs column " + name));
        String type = e.get("type").asText();
        switch (type) {
            case "categorical" -> {
                assertTrue(c.categorical(), name);
                assertEquals(e.get("n_categories").asInt(), c.categoryCount(), name);
            }
            case "string" -> {
                assertEquals(ColumnType.STRING, c.type(), name);
                assertFalse(c.categorical(), name);
            }
            default -> assertEquals(ColumnType.valueOf(type.toUpperCase(java.util.Locale.ROOT)), c.type(), name);
        }
        JsonNode values = e.get("values");
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (v.isNull()) {
                assertTrue(c.isMissing(i), name + " row " + i + " should be missing");
                assertNull(c.text(i));
            } else if (c instanceof AnnotationColumn.Doubles d) {
                assertEquals(v.asDouble(), d.value(i), 1e-9, name + " row " + i);
            } else if (c instanceof AnnotationColumn.Integers n) {
                assertEquals(v.asLong(), n.value(i), name + " row " + i);
            } else if (c instanceof AnnotationColumn.Booleans b) {
                assertEquals(v.asBoolean(), b.value(i), name + " row " + i);
            } else {
                assertEquals(v.asText(), c.text(i), name + " row " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anndata08_csr.h5ad", "anndata08_csc.h5ad", "anndata08_dense.h5ad"})
    void aLayerAndTheRawMatrixAreReadWithTheirOwnGenes(String name) {
        JsonNode e = EXPECTED.get(name);
        Path p = Fixtures.file(name);
        try (CellMatrixReader r = CellMatrixReaders.open(p, ReadOptions.DEFAULTS.withMatrix(MatrixChoice.parse(
            "layer:counts")))) {
            assertMatrix(e.get("layer_counts"), Fixtures.dense(r, 4), name + " layer");
        }
        try (CellMatrixReader r = CellMatrixReaders.open(p, ReadOptions.DEFAULTS.withMatrix(MatrixChoice.RAW))) {
            assertArrayEquals(texts(e.get("raw").get("gene_symbols")), r.summary().geneSymbols());
            assertMatrix(e.get("raw").get("matrix"), Fixtures.dense(r, 7), name + " raw");
        }
    }

    @Test
    void theLegacyRawMatrixComesWithRawVar() {
        JsonNode e = EXPECTED.get("legacy06.h5ad").get("raw");
        try (CellMatrixReader r = CellMatrixReaders.open(Fixtures.file("legacy06.h5ad"),
            ReadOptions.DEFAULTS.withMatrix(MatrixChoice.RAW))) {
            assertArrayEquals(texts(e.get("gene_symbols")), r.summary().geneSymbols());
            assertMatrix(e.get("matrix"), Fixtures.dense(r, 3), "legacy raw");
        }
    }

    @Test
    void aVarColumnCanSupplyTheGeneSymbols() {
        try (CellMatrixReader r = CellMatrixReaders.open(Fixtures.file("anndata08_csr.h5ad"),
            ReadOptions.DEFAULTS.withGeneColumn("feature_name"))) {
            assertArrayEquals(texts(EXPECTED.get("anndata08_csr.h5ad").get("feature_name")),
                r.summary().geneSymbols());
        }
    }

    @Test
    void anUnknownGeneColumnIsRejectedWithTheAvailableColumns() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CellMatrixReaders.open(
            Fixtures.file("anndata08_csr.h5ad"), ReadOptions.DEFAULTS.withGeneColumn("symbol")));
        assertTrue(e.getMessage().contains("'symbol'"), e.getMessage());
        assertTrue(e.getMessage().contains("feature_name"), e.getMessage());
        assertTrue(e.getMessage().contains("highly_variable"), e.getMessage());
    }

    @Test
    void anUnknownLayerIsRejectedWithTheAvailableLayers() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CellMatrixReaders.open(
            Fixtures.file("anndata08_csr.h5ad"), ReadOptions.DEFAULTS.withMatrix(MatrixChoice.layer("spliced"))));
        assertTrue(e.getMessage().contains("spliced") && e.getMessage().contains("counts"), e.getMessage());
    }

    @Test
    void allFeatureTypesAreKeptWhenTheFilterIsOff() {
        String name = "tenx_v3.h5";
        JsonNode e = EXPECTED.get(name).get("all_features");
        try (CellMatrixReader r = CellMatrixReaders.open(Fixtures.file(name),
            ReadOptions.DEFAULTS.withGeneExpressionOnly(false))) {
            assertArrayEquals(texts(e.get("gene_symbols")), r.summary().geneSymbols());
            assertMatrix(e.get("matrix"), Fixtures.dense(r, 5), name);
            assertEquals(0, r.report().skippedFeatures());
            assertEquals("Antibody Capture", r.summary().var().column("feature_type").orElseThrow().text(8));
        }
    }

    @Test
    void theMatrixMarketFileItselfCanBeGivenInsteadOfItsFolder() {
        Path folder = SharedTestData.path("10x_format_fixtures/v2_cellranger1.2/filtered_gene_bc_matrices/hg19_chr21");
        Path mtx = folder.resolve("matrix.mtx");
        assertEquals(MatrixFormat.TENX_MTX, CellMatrixReaders.detect(mtx));
        try (CellMatrixReader file = CellMatrixReaders.open(mtx, ReadOptions.DEFAULTS);
             CellMatrixReader dir = CellMatrixReaders.open(folder, ReadOptions.DEFAULTS)) {
            assertArrayEquals(dir.summary().cellIds(), file.summary().cellIds());
            assertTrue(java.util.Arrays.deepEquals(Fixtures.dense(dir, 5), Fixtures.dense(file, 12)), "mtx file");
        }
    }

    /** Cell Ranger wrote each run twice, as a MatrixMarket folder and as an HDF5 file: both must read the same. */
    @ParameterizedTest
    @ValueSource(strings = {"v2_cellranger1.2/filtered_gene_bc_matrices/hg19_chr21|v2_cellranger1.2/"
        + "filtered_gene_bc_matrices_h5.h5", "v3_cellranger3/filtered_feature_bc_matrix|v3_cellranger3/"
        + "filtered_feature_bc_matrix.h5"})
    void realMatrixMarketFoldersReadLikeTheHdf5FileOfTheSameRun(String pair) {
        String[] paths = pair.split("\\|");
        for (boolean geneExpressionOnly : new boolean[] {true, false}) {
            ReadOptions o = ReadOptions.DEFAULTS.withGeneExpressionOnly(geneExpressionOnly);
            try (CellMatrixReader mtx = CellMatrixReaders.open(SharedTestData.path("10x_format_fixtures/" + paths[0]), o);
                 CellMatrixReader h5 = CellMatrixReaders.open(SharedTestData.path("10x_format_fixtures/" + paths[1]), o)) {
                assertEquals(MatrixFormat.TENX_MTX, mtx.summary().format());
                assertArrayEquals(h5.summary().cellIds(), mtx.summary().cellIds());
                assertArrayEquals(h5.summary().geneSymbols(), mtx.summary().geneSymbols());
                assertTrue(java.util.Arrays.deepEquals(Fixtures.dense(h5, 100), Fixtures.dense(mtx, 7)), pair);
                assertEquals(h5.report().skippedFeatures(), mtx.report().skippedFeatures(), pair);
            }
        }
    }

    @Test
    void statisticsListObsColumnTypesAndCategoryCounts() {
        MatrixStatistics st = MatrixStatistics.of(Fixtures.file("anndata08_csr.h5ad"), ReadOptions.DEFAULTS);
        assertEquals(new MatrixStatistics.ObsColumn("categorical", 3), st.obsColumns().get("cell_type"));
        assertEquals(new MatrixStatistics.ObsColumn("string", 4), st.obsColumns().get("donor"));
        assertEquals(new MatrixStatistics.ObsColumn("integer", null), st.obsColumns().get("n_counts"));
        assertEquals(new MatrixStatistics.ObsColumn("boolean", null), st.obsColumns().get("is_doublet"));
        assertEquals(new MatrixStatistics.ObsColumn("double", null), st.obsColumns().get("score"));
    }
}
