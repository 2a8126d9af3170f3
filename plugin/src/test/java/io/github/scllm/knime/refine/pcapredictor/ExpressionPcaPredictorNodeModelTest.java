package io.github.scllm.knime.refine.pcapredictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;

import io.github.scllm.knime.StreamedRows;
import io.github.scllm.knime.refine.pcalearner.ExpressionPcaLearnerNodeFactory;
import io.github.scllm.knime.refine.port.LearnTestData;
import io.github.scllm.knime.refine.port.PcaModelPortObject;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.PortObjects;
import io.github.scllm.shim.harness.RecordingExecution;

class ExpressionPcaPredictorNodeModelTest {
    static final String[] GENES = LearnTestData.geneNames(15);
    static final float[][] TRAIN = LearnTestData.counts(50, 15, 3, 21);

    /** Learner output: the training table with components, and the model. */
    static PortObject[] learn() throws Exception {
        NodeModel learner = LearnTestData.set(new ExpressionPcaLearnerNodeFactory().createNodeModel(),
            "components", 4, "all_genes", true, "threads", 1);
        return NodeHarness.execute(learner, new RecordingExecution(),
            LearnTestData.expressionTable(GENES, TRAIN, LearnTestData.labels(50, 3)), null);
    }

    @Test
    void predictingTheTrainingCellsReproducesTheLearnersComponents() throws Exception {
        PortObject[] learned = learn();
        PcaModelPortObject model = PortObjects.serializerRoundTrip((PcaModelPortObject) learned[1],
            new PcaModelPortObject.Serializer());
        BufferedDataTable cells = LearnTestData.expressionTable(GENES, TRAIN, null);
        ExpressionPcaPredictorNodeModel m = new ExpressionPcaPredictorNodeModel();
        DataTableSpec configured = (DataTableSpec) NodeHarness.configure(m, model.getSpec(),
            cells.getDataTableSpec())[0];
        BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m, new RecordingExecution(), model, cells)[0];
        assertEquals(configured, out.getDataTableSpec());
        assertEquals(List.of("PC1", "PC2", "PC3", "PC4"), configured.getColumnSpec("PCA").getElementNames());
        assertArrayEquals(LearnTestData.vectors((BufferedDataTable) learned[0], "PCA"),
            LearnTestData.vectors(out, "PCA"));
    }

    @Test
    void streamingProjectsTheCellsInChunksLikeExecute() throws Exception {
        PcaModelPortObject model = (PcaModelPortObject) learn()[1];
        // more cells than one chunk holds, so the streamed path projects several chunks per partition
        BufferedDataTable cells = LearnTestData.expressionTable(GENES, LearnTestData.counts(1100, 15, 3, 22), null);
        StreamedRows.assertStreamsLikeExecute(ExpressionPcaPredictorNodeModel::new, new int[] {1, 3}, model, cells);
    }

    @Test
    void genesInAnotherOrderAreMatchedByName() throws Exception {
        PortObject[] learned = learn();
        int n = GENES.length;
        String[] reversed = new String[n];
        float[][] reordered = new float[TRAIN.length][n];
        for (int g = 0; g < n; g++) {
            reversed[g] = GENES[n - 1 - g];
            for (int i = 0; i < TRAIN.length; i++) {
                reordered[i][g] = TRAIN[i][n - 1 - g];
            }
        }
        BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(new ExpressionPcaPredictorNodeModel(),
            new RecordingExecution(), learned[1], LearnTestData.expressionTable(reversed, reordered, null))[0];
        float[][] expected = LearnTestData.vectors((BufferedDataTable) learned[0], "PCA");
        float[][] actual = LearnTestData.vectors(out, "PCA");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-5f, "row " + i);
        }
    }

    @Test
    void aTableLackingModelGenesFailsInConfigureNamingThem() throws Exception {
        PcaModelPortObject model = (PcaModelPortObject) learn()[1];
        String[] renamed = GENES.clone();
        renamed[2] = "XIST";
        DataTableSpec spec = LearnTestData.expressionTable(renamed, TRAIN, null).getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new ExpressionPcaPredictorNodeModel(), model.getSpec(), spec));
        assertTrue(e.getMessage().contains("lacks 1 of the 15 genes") && e.getMessage().contains("g3"),
            e.getMessage());
    }

    @Test
    void aTableWithoutTheModelsColumnOrWithoutModelFailsInConfigure() throws Exception {
        PcaModelPortObject model = (PcaModelPortObject) learn()[1];
        DataTableSpec vectors = LearnTestData.vectorTable(new String[] {"v"}, null,
            LearnTestData.clusters(3, 2, 1, 0, 1)).getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new ExpressionPcaPredictorNodeModel(), model.getSpec(), vectors));
        assertTrue(e.getMessage().contains("no expression column 'Expression'"), e.getMessage());
        assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new ExpressionPcaPredictorNodeModel(), null, vectors));
    }

    @Test
    void settingsSurviveAnXmlRoundTrip() throws Exception {
        ExpressionPcaPredictorNodeModel m = LearnTestData.set(new ExpressionPcaPredictorNodeModel(),
            "output_column", "query PCs");
        assertEquals("query PCs", NodeHarness.settingsRoundTrip(m, new ExpressionPcaPredictorNodeModel())
            .getString("output_column"));
    }

    @Test
    void theDialogShowsAndSavesTheNodesSettings() throws Exception {
        org.knime.core.node.NodeSettings saved = NodeHarness.saveSettings(LearnTestData.set(new ExpressionPcaPredictorNodeModel(), "output_column", "q"));
        ExpressionPcaPredictorNodeDialog dialog = new ExpressionPcaPredictorNodeDialog();
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {((PcaModelPortObject) learn()[1]).getSpec(), LearnTestData.expressionTable(GENES, TRAIN, null).getDataTableSpec()});
        org.knime.core.node.NodeSettings fromDialog = new org.knime.core.node.NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        // the order of keys is free; every key and value must survive
        assertEquals(sortedLines(NodeHarness.toXml(saved)), sortedLines(NodeHarness.toXml(fromDialog)));
    }

    private static java.util.List<String> sortedLines(String xml) {
        return xml.lines().map(String::trim).sorted().toList();
    }
}
