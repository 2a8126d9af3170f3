package io.github.scllm.knime.io.readscrna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.data.ExpressionCell;
import io.github.scllm.knime.data.ExpressionCellSerializer;
import io.github.scllm.knime.data.ExpressionValue;
import io.github.scllm.shim.harness.CellSerializers;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.TableFiles;
import io.github.scllm.shim.harness.Tables;

class ReadScrnaNodeModelTest {

    static ReadScrnaNodeModel model(Path file, String... keyValues) throws InvalidSettingsException {
        ReadScrnaNodeModel m = new ReadScrnaNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("file", file.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i].equals("cell_count") || keyValues[i].equals("seed")) {
                s.addInt(keyValues[i], Integer.parseInt(keyValues[i + 1]));
            } else {
                s.addString(keyValues[i], keyValues[i + 1]);
            }
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    static BufferedDataTable[] execute(ReadScrnaNodeModel m) throws Exception {
        return NodeHarness.executeTables(m, new RecordingExecution());
    }

    static JsonNode expected(String fixture) throws Exception {
        return new ObjectMapper().readTree(TestPaths.coreFixture("expected.json").toFile()).get(fixture);
    }

    @Test
    void settingsSurviveAnXmlRoundTrip() throws Exception {
        ReadScrnaNodeModel m = model(TestPaths.coreFixture("anndata08_csr.h5ad"), "matrix", "layer:counts",
            "cell_selection", "random", "cell_count", "5", "seed", "7", "obs_columns", "cell_type");
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new ReadScrnaNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertEquals("layer:counts", reloaded.getString("matrix"));
        assertEquals(7, reloaded.getInt("seed"));
    }

    @Test
    void configuredSpecEqualsTheExecutedSpecForEveryFormat() throws Exception {
        for (String fixture : new String[] {"anndata08_csr.h5ad", "anndata08_csc.h5ad", "anndata08_dense.h5ad",
            "anndata07.h5ad", "legacy06.h5ad", "tenx_v3.h5", "tenx_v2.h5",
            "genes_by_cells.csv"}) {
            ReadScrnaNodeModel m = model(TestPaths.coreFixture(fixture));
            DataTableSpec[] configured = NodeHarness.configureTables(m);
            BufferedDataTable[] out = execute(m);
            assertEquals(configured[0], out[0].getDataTableSpec(), fixture + ": cell table spec");
            assertEquals(configured[1], out[1].getDataTableSpec(), fixture + ": gene table spec");
            JsonNode want = expected(fixture);
            assertEquals(want.get("n_cells").asLong(), out[0].size(), fixture);
            assertEquals(want.get("n_genes").asLong(), out[1].size(), fixture);
        }
    }

    @Test
    void rowsCarryCellIdsObsValuesAndTheExpressionOfEachCell() throws Exception {
        JsonNode want = expected("anndata08_csr.h5ad");
        BufferedDataTable cells = execute(model(TestPaths.coreFixture("anndata08_csr.h5ad")))[0];
        DataTableSpec spec = cells.getDataTableSpec();
        int expr = spec.findColumnIndex(ScrnaTables.EXPRESSION_COLUMN);
        List<String> genes = spec.getColumnSpec(expr).getElementNames();
        assertEquals(want.get("gene_symbols").size(), genes.size());
        for (int g = 0; g < genes.size(); g++) {
            assertEquals(want.get("gene_symbols").get(g).asText(), genes.get(g));
        }
        int typeCol = spec.findColumnIndex("cell_type");
        List<DataRow> rows = Tables.rows(cells);
        for (int c = 0; c < rows.size(); c++) {
            DataRow row = rows.get(c);
            assertEquals(want.get("cell_ids").get(c).asText(), row.getKey().getString());
            assertEquals(want.get("obs").get("cell_type").get("values").get(c).asText(),
                ((StringValue) row.getCell(typeCol)).getStringValue());
            ExpressionValue e = (ExpressionValue) row.getCell(expr);
            for (int g = 0; g < genes.size(); g++) {
                assertEquals(want.get("matrix").get(c).get(g).asDouble(), e.valueOf(g), 1e-6, "cell " + c + " gene " + g);
            }
        }
    }

    @Test
    void aRandomSubsampleIsSeededAndKeepsFileOrder() throws Exception {
        Path f = TestPaths.coreFixture("anndata08_csr.h5ad");
        List<String> a = keys(execute(model(f, "cell_selection", "random", "cell_count", "5", "seed", "3"))[0]);
        List<String> b = keys(execute(model(f, "cell_selection", "random", "cell_count", "5", "seed", "3"))[0]);
        assertEquals(5, a.size());
        assertEquals(a, b);
        List<String> all = keys(execute(model(f))[0]);
        assertTrue(all.containsAll(a));
        List<Integer> positions = a.stream().map(all::indexOf).toList();
        assertEquals(positions.stream().sorted().toList(), positions, "subsample not in file order");
    }

    @Test
    void cancelStopsTheNodeBetweenChunks(@TempDir Path dir) throws Exception {
        // 6000 cells: three chunks, so a cancel after the first progress report must stop the read
        Path table = dir.resolve("cells.csv");
        StringBuilder sb = new StringBuilder("cell,A,B,C\n");
        for (int i = 0; i < 6000; i++) {
            sb.append("c").append(i).append(',').append(i % 7).append(",1,").append(i % 3).append('\n');
        }
        Files.writeString(table, sb);
        ReadScrnaNodeModel m = model(table, "orientation", "cells x genes");
        RecordingExecution exec = new RecordingExecution();
        exec.cancelAfterProgressReports(1);
        assertThrows(CanceledExecutionException.class, () -> NodeHarness.executeTables(m, exec));
        assertEquals(6000, execute(model(table, "orientation", "cells x genes"))[0].size());
    }

    @Test
    void expressionCellsAndTheWholeTableSurviveSerialization(@TempDir Path dir) throws Exception {
        BufferedDataTable cells = execute(model(TestPaths.coreFixture("tenx_v3.h5")))[0];
        CellSerializers serializers = new CellSerializers().register(ExpressionCell.class, new ExpressionCellSerializer());
        for (DataRow row : Tables.rows(cells)) {
            ExpressionCell cell = (ExpressionCell) row.getCell(row.getNumCells() - 1);
            assertEquals(cell, serializers.roundTrip(cell, new ExpressionCellSerializer()));
        }
        Path file = dir.resolve("cells.table");
        TableFiles.write(cells, file, serializers);
        BufferedDataTable back = TableFiles.read(file, serializers);
        assertEquals(cells.getDataTableSpec(), back.getDataTableSpec());
        List<DataRow> before = Tables.rows(cells);
        List<DataRow> after = Tables.rows(back);
        assertEquals(before.size(), after.size());
        for (int r = 0; r < before.size(); r++) {
            assertEquals(before.get(r).getKey(), after.get(r).getKey());
            for (int c = 0; c < before.get(r).getNumCells(); c++) {
                assertEquals(before.get(r).getCell(c), after.get(r).getCell(c), "row " + r + " column " + c);
            }
        }
    }

    @Test
    void expressionCellRoundTripKeepsLargeGeneIndicesAndValues() throws Exception {
        ExpressionCell cell = new ExpressionCell(40_000, new int[] {0, 127, 128, 16_384, 39_999},
            new float[] {1f, 0.5f, 3e7f, Float.MIN_VALUE, 2f});
        ExpressionCell back = new CellSerializers().roundTrip(cell, new ExpressionCellSerializer());
        assertEquals(cell, back);
        assertEquals(3e7f, back.valueOf(128));
        assertEquals(0f, back.valueOf(5));
    }

    @Test
    void configureWithoutAFileSaysWhatToDo() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(new ReadScrnaNodeModel()));
        assertTrue(e.getMessage().contains("No input file"), e.getMessage());
    }

    @Test
    void anUnknownObsColumnIsNamedWithTheAvailableOnes() throws Exception {
        ReadScrnaNodeModel m = model(TestPaths.coreFixture("anndata08_csr.h5ad"), "obs_columns", "cell_type,nope");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configureTables(m));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("cell_type"), e.getMessage());
    }

    @Test
    void anUnsupportedFileFailsInConfigureWithTheReadersMessage() throws Exception {
        ReadScrnaNodeModel m = model(TestPaths.coreFixture("blosc_filter.h5ad"));
        Exception e = assertThrows(Exception.class, () -> {
            NodeHarness.configureTables(m);
            execute(m);
        });
        assertTrue(e.getMessage().toLowerCase().contains("blosc"), e.getMessage());
    }

    @Test
    void readsTheRealPbmcRawCountsWithLabels() throws Exception {
        Path f = TestPaths.testData("pbmc68k_reduced/counts_10x_mtx");
        ReadScrnaNodeModel m = model(f);
        DataTableSpec[] configured = NodeHarness.configureTables(m);
        BufferedDataTable[] out = execute(m);
        assertEquals(configured[0], out[0].getDataTableSpec());
        assertEquals(700, out[0].size());
        assertEquals(765, out[1].size());
        double sum = 0;
        for (DataRow row : Tables.rows(out[0])) {
            sum += ((ExpressionValue) row.getCell(row.getNumCells() - 1)).total();
        }
        JsonNode shared = new ObjectMapper().readTree(TestPaths.pluginRoot().resolveSibling("core")
            .resolve("src/test/resources/expected_shared_data.json").toFile());
        double want = shared.get("pbmc68k_reduced/counts_10x_mtx").get("sum").asDouble();
        assertEquals(want, sum, 1e-6 * want);
    }

    @Test
    void theH5adObsColumnsArriveTyped() throws Exception {
        BufferedDataTable cells = execute(model(TestPaths.testData("pbmc68k_reduced/pbmc68k_reduced.h5ad"),
            "matrix", "raw", "invalid_values", "warn", "obs_columns", "bulk_labels,n_genes,percent_mito"))[0];
        DataTableSpec spec = cells.getDataTableSpec();
        assertArrayEquals(new String[] {"bulk_labels", "n_genes", "percent_mito", ScrnaTables.EXPRESSION_COLUMN},
            spec.getColumnNames());
        assertEquals(org.knime.core.data.def.StringCell.TYPE, spec.getColumnSpec(0).getType());
        assertEquals(org.knime.core.data.def.IntCell.TYPE, spec.getColumnSpec(1).getType());
        assertEquals(org.knime.core.data.def.DoubleCell.TYPE, spec.getColumnSpec(2).getType());
        assertEquals(700, cells.size());
    }

    private static List<String> keys(BufferedDataTable t) {
        List<String> out = new ArrayList<>();
        for (DataRow r : Tables.rows(t)) {
            out.add(r.getKey().getString());
        }
        return out;
    }
}
