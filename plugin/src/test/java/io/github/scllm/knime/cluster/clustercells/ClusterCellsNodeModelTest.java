package io.github.scllm.knime.cluster.clustercells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.cluster.CellClustering;
import io.github.scllm.core.cluster.ClusterOptions;
import io.github.scllm.core.cluster.WeightedGraph;
import io.github.scllm.knime.cluster.ClusterTestData;
import io.github.scllm.knime.cluster.GraphTables;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class ClusterCellsNodeModelTest {

    private static ClusterCellsNodeModel model(String... keyValues) throws InvalidSettingsException {
        ClusterCellsNodeModel m = new ClusterCellsNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addInt("threads", 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i].equals("resolution")) {
                s.addDouble(keyValues[i], Double.parseDouble(keyValues[i + 1]));
            } else {
                s.addString(keyValues[i], keyValues[i + 1]);
            }
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    @Test
    void theClusterColumnAndTheGraphAreWhatTheEngineComputesOnPbmc68k() throws Exception {
        BufferedDataTable in = ClusterTestData.table();
        ClusterCellsNodeModel m = model();
        DataTableSpec[] configured = NodeHarness.configureTables(m, in.getDataTableSpec());
        BufferedDataTable[] out = NodeHarness.executeTables(m, new RecordingExecution(), in);
        assertEquals(configured[0], out[0].getDataTableSpec());
        assertEquals(configured[1], out[1].getDataTableSpec());
        CellClustering.Result want = CellClustering.cluster(ClusterTestData.pca(), ClusterOptions.DEFAULTS
            .withThreads(2), CancellationToken.NONE, ProgressListener.NONE);
        List<DataRow> rows = Tables.rows(out[0]);
        int c = out[0].getDataTableSpec().findColumnIndex("cluster");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(want.labels()[i], ((StringValue) rows.get(i).getCell(c)).getStringValue());
        }
        assertEquals(want.graph().entries() / 2, out[1].size(), "one row per undirected edge");
        WeightedGraph back = GraphTables.read(out[1], GraphTables.rowIds(in));
        assertEquals(want.graph().entries(), back.entries());
        for (int e = 0; e < back.entries(); e++) {
            assertEquals(want.graph().targets()[e], back.targets()[e]);
            assertEquals(want.graph().weights()[e], back.weights()[e]);
        }
    }

    @Test
    void settingsSurviveAnXmlRoundTripAndBadChoicesAreRejected() throws Exception {
        ClusterCellsNodeModel m = model("weights", ClusterCellsNodeSettings.WEIGHTS_SNN, "quality",
            ClusterCellsNodeSettings.QUALITY_CPM, "resolution", "0.05");
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new ClusterCellsNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertEquals(0.05, reloaded.getDouble("resolution"));
        assertThrows(InvalidSettingsException.class, () -> model("metric", "Manhattan"));
        assertThrows(InvalidSettingsException.class, () -> model("cluster_column", " "));
    }

    @Test
    void configureNamesAMissingVectorColumn() throws Exception {
        DataTableSpec spec = ClusterTestData.table().getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("vector_column", "X_umap"), spec));
        assertTrue(e.getMessage().contains("'X_umap'") && e.getMessage().contains("PCA"), e.getMessage());
    }

    @Test
    void cancellingStopsTheNode() throws Exception {
        BufferedDataTable in = ClusterTestData.table();
        RecordingExecution exec = new RecordingExecution();
        exec.cancel();
        assertThrows(CanceledExecutionException.class, () -> NodeHarness.executeTables(model(), exec, in));
    }
}
