package io.github.scllm.knime.qc.cellqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.genes.MarkerSource;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.qc.CellQc;
import io.github.scllm.core.qc.QcOptions;
import io.github.scllm.core.qc.QcResult;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.data.ExpressionCell;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class CellQcNodeModelTest {

    /** pbmc68k's raw counts as Read scRNA gives them, with bulk_labels as a batch column. */
    private static BufferedDataTable pbmc() throws Exception {
        try (CellMatrixReader r = CellMatrixReaders.open(TestPaths.testData("pbmc68k_reduced/counts_10x_mtx"),
            ReadOptions.DEFAULTS)) {
            String[] symbols = r.summary().geneSymbols();
            CellChunk all = r.read(0, r.summary().cellCount());
            List<String> labels = Files.readAllLines(TestPaths.testData("pbmc68k_reduced/cell_labels.tsv"));
            DataColumnSpecCreator expr = new DataColumnSpecCreator("Expression", ExpressionCell.TYPE);
            expr.setElementNames(symbols);
            DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("sample", StringCell.TYPE).createSpec(),
                expr.createSpec());
            List<DataRow> rows = new ArrayList<>();
            for (int c = 0; c < all.count(); c++) {
                rows.add(Tables.row(r.summary().cellIds()[c], new StringCell(labels.get(c + 1).split("\t")[1]),
                    new ExpressionCell(symbols.length, all.genesOf(c), all.valuesOf(c))));
            }
            return Tables.table(spec, rows);
        }
    }

    private static CellQcNodeModel model(String batch, double nmads, int minGenes) throws InvalidSettingsException {
        CellQcNodeModel m = new CellQcNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("batch_column", batch);
        s.addDouble("nmads", nmads);
        s.addInt("min_genes", minGenes);
        NodeHarness.loadSettings(m, s);
        return m;
    }

    @Test
    void theNodeAppendsWhatTheEngineComputesPerBatchAndListsThresholdsAndGenes() throws Exception {
        BufferedDataTable in = pbmc();
        CellQcNodeModel m = model("sample", 3, 0);
        DataTableSpec[] configured = NodeHarness.configureTables(m, in.getDataTableSpec());
        BufferedDataTable[] out = NodeHarness.executeTables(m, new RecordingExecution(), in);
        assertEquals(configured[0], out[0].getDataTableSpec());
        String[] batches = CellQcNodeModel.texts(in, 0);
        String[] symbols = in.getDataTableSpec().getColumnSpec(1).getElementNames().toArray(String[]::new);
        QcResult want = CellQc.compute(MarkerSource.of(chunkOf(in)), 700, symbols, batches, QcOptions.DEFAULTS,
            CancellationToken.NONE, ProgressListener.NONE);
        DataTableSpec spec = out[0].getDataTableSpec();
        int i = 0;
        int kept = 0;
        for (DataRow row : Tables.rows(out[0])) {
            assertEquals(want.totalCounts()[i], ((DoubleValue) row.getCell(spec.findColumnIndex("total_counts")))
                .getDoubleValue());
            assertEquals(want.genesDetected()[i], ((IntValue) row.getCell(spec.findColumnIndex(
                "n_genes_by_counts"))).getIntValue());
            assertEquals(want.pctMitochondrial()[i], ((DoubleValue) row.getCell(spec.findColumnIndex(
                "pct_counts_mt"))).getDoubleValue());
            boolean keep = ((BooleanValue) row.getCell(spec.findColumnIndex("keep"))).getBooleanValue();
            assertEquals(want.keep()[i], keep);
            kept += keep ? 1 : 0;
            i++;
        }
        assertEquals(want.keptCells(), kept);
        assertTrue(kept < 700, "some of 700 cells are outliers");
        assertEquals(want.thresholds().size(), out[1].size());
        assertEquals(symbols.length, out[2].size());
    }

    @Test
    void aFixedMinimumOfGenesFlagsEveryCellBelowIt() throws Exception {
        BufferedDataTable out = NodeHarness.executeTables(model("", 0, 300), new RecordingExecution(), pbmc())[0];
        DataTableSpec spec = out.getDataTableSpec();
        for (DataRow row : Tables.rows(out)) {
            int genes = ((IntValue) row.getCell(spec.findColumnIndex("n_genes_by_counts"))).getIntValue();
            DataCell low = row.getCell(spec.findColumnIndex("outlier_n_genes_by_counts"));
            assertEquals(genes < 300, ((BooleanValue) low).getBooleanValue());
        }
    }

    @Test
    void settingsSurviveAnXmlRoundTripAndBadValuesAreRejected() throws Exception {
        CellQcNodeModel m = model("sample", 2.5, 200);
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new CellQcNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertEquals(2.5, reloaded.getDouble("nmads"));
        assertThrows(InvalidSettingsException.class, () -> model("", -1, 0));
    }

    @Test
    void configureNamesAMissingBatchColumn() throws Exception {
        DataTableSpec spec = pbmc().getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("donor", 3, 0), spec));
        assertTrue(e.getMessage().contains("'donor'"), e.getMessage());
    }

    @Test
    void cancellingStopsTheNode() throws Exception {
        BufferedDataTable in = pbmc();
        RecordingExecution exec = new RecordingExecution();
        exec.cancel();
        assertThrows(CanceledExecutionException.class, () -> NodeHarness.executeTables(model("", 3, 0), exec, in));
    }

    private static CellChunk chunkOf(BufferedDataTable table) {
        List<int[]> genes = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (DataRow row : Tables.rows(table)) {
            ExpressionCell e = (ExpressionCell) row.getCell(1);
            int[] g = new int[e.storedCount()];
            float[] v = new float[g.length];
            for (int k = 0; k < g.length; k++) {
                g[k] = e.storedGene(k);
                v[k] = e.storedValue(k);
            }
            genes.add(g);
            values.add(v);
        }
        int[] off = new int[genes.size() + 1];
        for (int c = 0; c < genes.size(); c++) {
            off[c + 1] = off[c] + genes.get(c).length;
        }
        int[] g = new int[off[genes.size()]];
        float[] v = new float[g.length];
        for (int c = 0; c < genes.size(); c++) {
            System.arraycopy(genes.get(c), 0, g, off[c], genes.get(c).length);
            System.arraycopy(values.get(c), 0, v, off[c], values.get(c).length);
        }
        return new CellChunk(0, off, g, v);
    }
}
