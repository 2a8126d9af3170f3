package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class InspectCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void jsonMatchesWhatTheFixtureScriptWrote() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("expected.json").toFile());
        for (String name : new String[] {"anndata08_csr.h5ad", "anndata08_csc.h5ad", "legacy06.h5ad", "tenx_v3.h5",
            "genes_by_cells.csv"}) {
            MainTest.Run r = MainTest.run("inspect", FIXTURES.resolve(name).toString(), "--json");
            assertEquals(0, r.code(), name + ": " + r.err());
            JsonNode got = new ObjectMapper().readTree(r.out());
            JsonNode want = expected.get(name);
            assertEquals(want.get("n_cells").asInt(), got.get("n_cells").asInt(), name);
            assertEquals(want.get("n_genes").asInt(), got.get("n_genes").asInt(), name);
            assertEquals(want.get("nnz").asLong(), got.get("nnz").asLong(), name);
            assertEquals(want.get("sum").asDouble(), got.get("sum").asDouble(), 1e-6 * Math.abs(want.get("sum").asDouble()),
                name);
            assertTrue(got.get("obs_columns").isObject(), name);
        }
    }

    @Test
    void categoricalObsColumnsReportTheirCategoryCount() throws Exception {
        MainTest.Run r = MainTest.run("inspect", FIXTURES.resolve("anndata08_csr.h5ad").toString(), "--json");
        JsonNode col = new ObjectMapper().readTree(r.out()).get("obs_columns").get("cell_type");
        assertEquals("categorical", col.get("type").asText());
        assertEquals(3, col.get("n_categories").asInt());
    }

    @Test
    void textOutputNamesFormatAndShape() {
        MainTest.Run r = MainTest.run("inspect", FIXTURES.resolve("tenx_v3.h5").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("10x_h5"), r.out());
    }

    @Test
    void aMissingFileIsInvalidInputWithAOneLineError() {
        MainTest.Run r = MainTest.run("inspect", "no/such/file.h5ad");
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no/such/file.h5ad"), r.err());
    }

    @Test
    void anUnsupportedCompressionFilterExitsWithCode3() {
        MainTest.Run r = MainTest.run("inspect", FIXTURES.resolve("blosc_filter.h5ad").toString());
        assertEquals(ExitCodes.UNSUPPORTED_FORMAT, r.code(), r.err());
        assertTrue(r.err().toLowerCase().contains("blosc"), r.err());
    }

    @Test
    void anUnknownMatrixChoiceIsAUsageError() {
        MainTest.Run r = MainTest.run("inspect", FIXTURES.resolve("anndata08_csr.h5ad").toString(), "--matrix", "foo");
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(Files.exists(FIXTURES.resolve("anndata08_csr.h5ad")));
    }
}
