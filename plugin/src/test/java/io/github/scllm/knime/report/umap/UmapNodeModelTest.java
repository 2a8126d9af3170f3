package io.github.scllm.knime.report.umap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.cluster.CellClustering;
import io.github.scllm.core.cluster.ClusterOptions;
import io.github.scllm.core.report.Umap;
import io.github.scllm.knime.cluster.ClusterTestData;
import io.github.scllm.knime.cluster.GraphTables;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class UmapNodeModelTest {

    private static UmapNodeModel model(String... keyValues) throws InvalidSettingsException {
        UmapNodeModel m = new UmapNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addInt("threads", 2);
        s.addInt("epochs", 100);
        for (int i = 0; i < keyValues.length; i += 2) {
            s.addString(keyValues[i], keyValues[i + 1]);
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    private static float[][] coordinates(BufferedDataTable out) {
        DataTableSpec spec = out.getDataTableSpec();
        List<DataRow> rows = Tables.rows(out);
        float[][] xy = new float[rows.size()][2];
        for (int i = 0; i < xy.length; i++) {
            xy[i][0] = (float) ((DoubleValue) rows.get(i).getCell(spec.findColumnIndex("umap_1"))).getDoubleValue();
            xy[i][1] = (float) ((DoubleValue) rows.get(i).getCell(spec.findColumnIndex("umap_2"))).getDoubleValue();
        }
        return xy;
    }

    @Test
    void theCoordinatesAreTheEnginesWithAndWithoutClusterCellsGraph() throws Exception {
        BufferedDataTable in = ClusterTestData.table();
        Umap.Options options = Umap.Options.DEFAULTS.withThreads(2).withEpochs(100);
        PortObjectSpec[] configured = NodeHarness.configure(model(), in.getDataTableSpec(), null);
        PortObject[] out = NodeHarness.execute(model(), new RecordingExecution(), in, null);
        BufferedDataTable plain = (BufferedDataTable) out[0];
        assertEquals(configured[0], plain.getDataTableSpec());
        float[][] want = Umap.layout(ClusterTestData.pca(), DistanceMetric.EUCLIDEAN, 100_000, options,
            CancellationToken.NONE, ProgressListener.NONE);
        float[][] got = coordinates(plain);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i][0], got[i][0]);
            assertEquals(want[i][1], got[i][1]);
        }
        CellClustering.Result clusters = CellClustering.cluster(ClusterTestData.pca(), ClusterOptions.DEFAULTS
            .withNeighbors(30).withThreads(2), CancellationToken.NONE, ProgressListener.NONE);
        BufferedDataTable graph = GraphTables.write(clusters.graph(), GraphTables.rowIds(in),
            new RecordingExecution().context());
        float[][] alongGraph = coordinates((BufferedDataTable) NodeHarness.execute(model(), new RecordingExecution(),
            in, graph)[0]);
        float[][] wantGraph = Umap.layout(ClusterTestData.pca(), clusters.graph(), options, CancellationToken.NONE,
            ProgressListener.NONE);
        for (int i = 0; i < want.length; i++) {
            assertEquals(wantGraph[i][0], alongGraph[i][0]);
        }
        boolean differs = false;
        for (int i = 0; i < want.length; i++) {
            differs |= want[i][0] != alongGraph[i][0];
        }
        assertTrue(differs, "the 30-neighbour graph of Cluster Cells, not the node's own 15-neighbour one, was used");
    }

    @Test
    void settingsSurviveAnXmlRoundTripAndBadChoicesAreRejected() throws Exception {
        UmapNodeModel m = model("metric", UmapNodeSettings.METRIC_COSINE);
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new UmapNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertThrows(InvalidSettingsException.class, () -> model("metric", "Hamming"));
    }

    @Test
    void configureRejectsATableThatIsNoGraph() throws Exception {
        DataTableSpec spec = ClusterTestData.table().getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model(), spec, spec));
        assertTrue(e.getMessage().contains("Cluster Cells"), e.getMessage());
    }
}
