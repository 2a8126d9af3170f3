package io.github.scllm.knime.refine.contrastivepredictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;

import io.github.scllm.knime.embed.EmbeddingColumns;
import io.github.scllm.knime.refine.contrastivelearner.ContrastiveRefineLearnerNodeFactory;
import io.github.scllm.knime.refine.port.LearnTestData;
import io.github.scllm.knime.refine.port.RefineModelPortObject;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.PortObjects;
import io.github.scllm.shim.harness.RecordingExecution;

class ContrastiveRefinePredictorNodeModelTest {
    static final float[][] A = LearnTestData.clusters(45, 6, 3, 2.0, 41);
    static final float[][] B = LearnTestData.clusters(45, 4, 3, 1.0, 42);

    static PortObject[] learn() throws Exception {
        NodeModel learner = LearnTestData.set(new ContrastiveRefineLearnerNodeFactory().createNodeModel(),
            "vector_columns", new String[] {"a", "b"}, "label_column", "label", "hidden", 12, "output", 5,
            "batch_size", 16, "epochs", 4, "threads", 1);
        return NodeHarness.execute(learner, new RecordingExecution(),
            LearnTestData.vectorTable(new String[] {"a", "b"}, LearnTestData.labels(45, 3), A, B));
    }

    @Test
    void refiningTheTrainingRowsReproducesTheLearnersVectorsWithoutLabels() throws Exception {
        PortObject[] learned = learn();
        RefineModelPortObject model = PortObjects.serializerRoundTrip((RefineModelPortObject) learned[1],
            new RefineModelPortObject.Serializer());
        BufferedDataTable unlabelled = LearnTestData.vectorTable(new String[] {"a", "b"}, null, A, B);
        ContrastiveRefinePredictorNodeModel m = LearnTestData.set(new ContrastiveRefinePredictorNodeModel(),
            "output_column", "SupCon");
        DataTableSpec configured = (DataTableSpec) NodeHarness.configure(m, model.getSpec(),
            unlabelled.getDataTableSpec())[0];
        BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m, new RecordingExecution(), model,
            unlabelled)[0];
        assertEquals(configured, out.getDataTableSpec());
        assertArrayEquals(LearnTestData.vectors((BufferedDataTable) learned[0], "Refined"),
            LearnTestData.vectors(out, "SupCon"));
    }

    /** Specs as KNIME builds them for embedding columns: no element names, the dimension in a column property. */
    @Test
    void anEmbeddingColumnOfAnotherDimensionFailsInConfigure() throws Exception {
        RefineModelPortObject model = (RefineModelPortObject) learn()[1];
        DataTableSpec wrong = new DataTableSpec(EmbeddingColumns.spec("a", "local", null, 6),
            EmbeddingColumns.spec("b", "local", null, 7));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new ContrastiveRefinePredictorNodeModel(), model.getSpec(), wrong));
        assertTrue(e.getMessage().contains("Column 'b'") && e.getMessage().contains("7 dimensions")
            && e.getMessage().contains("trained on 4"), e.getMessage());
        DataTableSpec right = new DataTableSpec(EmbeddingColumns.spec("a", "local", null, 6),
            EmbeddingColumns.spec("b", "local", null, 4));
        NodeHarness.configure(new ContrastiveRefinePredictorNodeModel(), model.getSpec(), right);
    }

    @Test
    void aColumnOfAnotherDimensionFailsInConfigureNamingColumnAndDimensions() throws Exception {
        RefineModelPortObject model = (RefineModelPortObject) learn()[1];
        DataTableSpec wrong = LearnTestData.vectorTable(new String[] {"a", "b"}, null, A,
            LearnTestData.clusters(45, 7, 3, 1.0, 1)).getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new ContrastiveRefinePredictorNodeModel(), model.getSpec(), wrong));
        assertTrue(e.getMessage().contains("Column 'b'") && e.getMessage().contains("7 dimensions")
            && e.getMessage().contains("trained on 4"), e.getMessage());
    }

    @Test
    void aRowWithAVectorOfAnotherLengthFailsNamingRowColumnAndDimensions() throws Exception {
        RefineModelPortObject model = (RefineModelPortObject) learn()[1];
        float[][] b = B.clone();
        b[9] = new float[] {1, 2, 3};
        KNIMEException e = assertThrows(KNIMEException.class, () -> NodeHarness.execute(
            new ContrastiveRefinePredictorNodeModel(), new RecordingExecution(), model,
            LearnTestData.vectorTable(new String[] {"a", "b"}, null, A, b)));
        assertTrue(e.getMessage().contains("'cell10'") && e.getMessage().contains("column 'b' has 3 dimensions but 4"),
            e.getMessage());
    }

    @Test
    void aMissingInputColumnOrModelFailsInConfigure() throws Exception {
        RefineModelPortObject model = (RefineModelPortObject) learn()[1];
        DataTableSpec onlyA = LearnTestData.vectorTable(new String[] {"a"}, null, A).getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new ContrastiveRefinePredictorNodeModel(), model.getSpec(), onlyA));
        assertTrue(e.getMessage().contains("no column 'b'"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(new ContrastiveRefinePredictorNodeModel(), null, onlyA));
        assertTrue(e.getMessage().contains("Contrastive Refine Learner"), e.getMessage());
    }

    @Test
    void theDialogShowsAndSavesTheNodesSettings() throws Exception {
        org.knime.core.node.NodeSettings saved = NodeHarness.saveSettings(LearnTestData.set(new ContrastiveRefinePredictorNodeModel(), "output_column", "r"));
        ContrastiveRefinePredictorNodeDialog dialog = new ContrastiveRefinePredictorNodeDialog();
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {((RefineModelPortObject) learn()[1]).getSpec(), LearnTestData.vectorTable(new String[] {"a", "b"}, null, A, B).getDataTableSpec()});
        org.knime.core.node.NodeSettings fromDialog = new org.knime.core.node.NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        // the order of keys is free; every key and value must survive
        assertEquals(sortedLines(NodeHarness.toXml(saved)), sortedLines(NodeHarness.toXml(fromDialog)));
    }

    private static java.util.List<String> sortedLines(String xml) {
        return xml.lines().map(String::trim).sorted().toList();
    }
}
