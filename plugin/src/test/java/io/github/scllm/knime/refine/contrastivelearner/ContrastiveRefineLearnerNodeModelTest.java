package io.github.scllm.knime.refine.contrastivelearner;

import static io.github.scllm.knime.refine.port.LearnTestData.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ContrastiveTrainer;
import io.github.scllm.core.refine.ProjectionHead;
import io.github.scllm.core.refine.RefineOptions;
import io.github.scllm.knime.refine.port.LearnTestData;
import io.github.scllm.knime.refine.port.RefineModelPortObject;
import io.github.scllm.knime.refine.port.RefineModelPortObjectSpec;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class ContrastiveRefineLearnerNodeModelTest {
    static final float[][] A = LearnTestData.clusters(60, 6, 3, 2.0, 31);
    static final float[][] B = LearnTestData.clusters(60, 4, 3, 1.0, 32);
    static final String[] LABELS = LearnTestData.labels(60, 3);
    static final Object[] SMALL = {"vector_columns", new String[] {"a", "b"}, "label_column", "label", "hidden", 16,
        "output", 8, "batch_size", 16, "epochs", 6, "patience", 3, "threads", 1, "seed", 4};

    static BufferedDataTable table() {
        return LearnTestData.vectorTable(new String[] {"a", "b"}, LABELS, A, B);
    }

    static ContrastiveRefineLearnerNodeModel model(Object... more) throws InvalidSettingsException {
        ContrastiveRefineLearnerNodeModel m = set(new ContrastiveRefineLearnerNodeModel(), SMALL);
        return set(m, more);
    }

    @Test
    void settingsSurviveAnXmlRoundTrip() throws Exception {
        ContrastiveRefineLearnerNodeModel m = model("balanced_batches", true, "temperature", 0.2,
            "validation_fraction", 0.25, "weight_decay", 0.0, "min_delta", 0.001);
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new ContrastiveRefineLearnerNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertArrayEquals(new String[] {"a", "b"}, reloaded.getStringArray("vector_columns"));
        assertTrue(reloaded.getBoolean("balanced_batches"));
        assertEquals(0.2, reloaded.getDouble("temperature"));
    }

    @Test
    void defaultsAreTheMethodsSettings() throws Exception {
        NodeSettings s = NodeHarness.saveSettings(new ContrastiveRefineLearnerNodeModel());
        assertEquals(512, s.getInt("hidden"));
        assertEquals(128, s.getInt("output"));
        assertEquals(0.07, s.getDouble("temperature"));
        assertEquals(1e-3, s.getDouble("learning_rate"));
        assertEquals(1e-6, s.getDouble("weight_decay"));
        assertEquals(256, s.getInt("batch_size"));
        assertEquals(50, s.getInt("epochs"));
        assertEquals(7, s.getInt("patience"));
    }

    @Test
    void configureAnnouncesTheRefinedColumnTheModelSpecAndTheLog() throws Exception {
        PortObjectSpec[] out = NodeHarness.configure(model(), table().getDataTableSpec());
        DataTableSpec refined = (DataTableSpec) out[0];
        assertEquals(List.of("a", "b", "label", "Refined"), List.of(refined.getColumnNames()));
        assertEquals(8, refined.getColumnSpec("Refined").getElementNames().size());
        RefineModelPortObjectSpec spec = (RefineModelPortObjectSpec) out[1];
        assertArrayEquals(new String[] {"a", "b"}, spec.columns());
        assertArrayEquals(new int[] {6, 4}, spec.dimensions());
        assertEquals(ContrastiveRefineLearnerNodeModel.LOG_SPEC, out[2]);
    }

    @Test
    void configureNamesAMissingOrUnsuitableColumn() throws Exception {
        DataTableSpec in = table().getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model("vector_columns", new String[] {"a", "pca"}), in));
        assertTrue(e.getMessage().contains("no column 'pca'") && e.getMessage().contains("[a, b]"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(model("label_column", ""), in));
        assertTrue(e.getMessage().contains("No label column"), e.getMessage());
        DataTableSpec numericLabel = new DataTableSpec(in, Tables.spec("cluster", IntCell.TYPE));
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model("label_column", "cluster"), numericLabel));
        assertTrue(e.getMessage().contains("not text"), e.getMessage());
    }

    @Test
    void executeGivesTheEnginesHeadAndRefinedVectors() throws Exception {
        ContrastiveRefineLearnerNodeModel m = model();
        PortObject[] out = NodeHarness.execute(m, new RecordingExecution(), table());
        RefineOptions o = RefineOptions.DEFAULTS.withSizes(16, 8).withBatches(16, false).withEpochs(6, 3)
            .withThreads(1).withSeed(4);
        ProjectionHead head = ContrastiveTrainer.train(List.of(A, B), LABELS, o, CancellationToken.NONE,
            ProgressListener.NONE);
        float[][] expected = head.apply(List.of(A, B), CancellationToken.NONE, ProgressListener.NONE);
        assertArrayEquals(expected, LearnTestData.vectors((BufferedDataTable) out[0], "Refined"));
        RefineModelPortObject model = (RefineModelPortObject) out[1];
        assertArrayEquals(head.toBytes(), model.head().toBytes());
        assertEquals(60, Tables.rows((BufferedDataTable) out[0]).size());

        List<DataRow> log = Tables.rows((BufferedDataTable) out[2]);
        assertEquals(head.trainingCurve().size(), log.size());
        int best = 0;
        for (DataRow r : log) {
            if (((BooleanValue) r.getCell(3)).getBooleanValue()) {
                best++;
                assertEquals(head.bestEpoch(), ((IntValue) r.getCell(0)).getIntValue());
            }
        }
        assertEquals(1, best);
    }

    @Test
    void singletonClassesAreKeptAndReportedAsAWarning() throws Exception {
        String[] labels = LABELS.clone();
        labels[7] = "Megakaryocyte";
        ContrastiveRefineLearnerNodeModel m = model();
        NodeHarness.execute(m, new RecordingExecution(),
            LearnTestData.vectorTable(new String[] {"a", "b"}, labels, A, B));
        String warning = NodeHarness.warning(m).toString();
        assertTrue(warning.contains("single training cell") && warning.contains("Megakaryocyte"), warning);
    }

    @Test
    void aMissingVectorOrLabelFailsNamingRowAndColumn() throws Exception {
        float[][] b = B.clone();
        b[2] = null;
        KNIMEException e = assertThrows(KNIMEException.class, () -> NodeHarness.execute(model(),
            new RecordingExecution(), LearnTestData.vectorTable(new String[] {"a", "b"}, LABELS, A, b)));
        assertTrue(e.getMessage().contains("'cell3' (row 3)") && e.getMessage().contains("column 'b'"),
            e.getMessage());
        String[] labels = LABELS.clone();
        labels[4] = null;
        e = assertThrows(KNIMEException.class, () -> NodeHarness.execute(model(), new RecordingExecution(),
            LearnTestData.vectorTable(new String[] {"a", "b"}, labels, A, B)));
        assertTrue(e.getMessage().contains("'cell5'") && e.getMessage().contains("no label in column 'label'"),
            e.getMessage());
    }

    @Test
    void trainingStopsWhenCancelled() throws Exception {
        RecordingExecution exec = new RecordingExecution();
        exec.cancelAfterProgressReports(3);
        assertThrows(CanceledExecutionException.class,
            () -> NodeHarness.execute(model("epochs", 500, "patience", 500), exec, table()));
    }

    @Test
    void theDialogShowsAndSavesTheNodesSettings() throws Exception {
        org.knime.core.node.NodeSettings saved = NodeHarness.saveSettings(model("balanced_batches", true));
        ContrastiveRefineLearnerNodeDialog dialog = new ContrastiveRefineLearnerNodeDialog();
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {table().getDataTableSpec()});
        org.knime.core.node.NodeSettings fromDialog = new org.knime.core.node.NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        // the order of keys is free; every key and value must survive
        assertEquals(sortedLines(NodeHarness.toXml(saved)), sortedLines(NodeHarness.toXml(fromDialog)));
    }

    private static java.util.List<String> sortedLines(String xml) {
        return xml.lines().map(String::trim).sorted().toList();
    }
}
