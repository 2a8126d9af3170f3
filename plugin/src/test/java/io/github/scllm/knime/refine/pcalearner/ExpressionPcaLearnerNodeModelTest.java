package io.github.scllm.knime.refine.pcalearner;

import static io.github.scllm.knime.refine.port.LearnTestData.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;
import io.github.scllm.knime.refine.port.ExpressionInput;
import io.github.scllm.knime.refine.port.LearnTestData;
import io.github.scllm.knime.refine.port.PcaModelPortObject;
import io.github.scllm.knime.refine.port.PcaModelPortObjectSpec;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class ExpressionPcaLearnerNodeModelTest {
    static final String[] GENES = LearnTestData.geneNames(20);
    static final float[][] TRAIN = LearnTestData.counts(60, 20, 3, 11);
    static final float[][] QUERY = LearnTestData.counts(30, 20, 3, 12);

    static BufferedDataTable train() {
        return LearnTestData.expressionTable(GENES, TRAIN, LearnTestData.labels(60, 3));
    }

    static BufferedDataTable query() {
        return LearnTestData.expressionTable(GENES, QUERY, null);
    }

    static ExpressionPcaLearnerNodeModel model(Object... keysAndValues) throws InvalidSettingsException {
        return set(new ExpressionPcaLearnerNodeModel(), keysAndValues);
    }

    /** log1p(CP10k), computed here independently of the node. */
    static float[][] logNormalised(float[][] counts) {
        float[][] out = new float[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            double total = 0;
            for (float v : counts[i]) {
                total += v;
            }
            out[i] = new float[counts[i].length];
            for (int g = 0; g < out[i].length; g++) {
                out[i][g] = (float) Math.log1p(counts[i][g] * 10_000.0 / total);
            }
        }
        return out;
    }

    @Test
    void settingsSurviveAnXmlRoundTrip() throws Exception {
        ExpressionPcaLearnerNodeModel m = model("components", 7, "transductive", true, "all_genes", true,
            "input_values", ExpressionInput.LOG_NORMALISED, "seed", 42, "clip", 3.5, "output_column", "pcs");
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new ExpressionPcaLearnerNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertEquals(7, reloaded.getInt("components"));
        assertEquals(3.5, reloaded.getDouble("clip"));
        assertEquals(ExpressionInput.LOG_NORMALISED, reloaded.getString("input_values"));
    }

    @Test
    void invalidSettingsAreRejectedWithTheSettingNamed() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> model("input_values", "normalised somehow"));
        assertTrue(e.getMessage().contains("Input values"), e.getMessage());
        assertThrows(InvalidSettingsException.class, () -> model("output_column", " "));
        assertThrows(InvalidSettingsException.class, () -> model("components", 0));
    }

    @Test
    void configurePicksTheExpressionColumnAndAnnouncesComponentsAndGenes() throws Exception {
        ExpressionPcaLearnerNodeModel m = model("components", 4);
        PortObjectSpec[] out = NodeHarness.configure(m, train().getDataTableSpec(), null);
        DataTableSpec table = (DataTableSpec) out[0];
        assertEquals(List.of("cell_type", "Expression", "PCA"), List.of(table.getColumnNames()));
        assertEquals(List.of("PC1", "PC2", "PC3", "PC4"), table.getColumnSpec("PCA").getElementNames());
        PcaModelPortObjectSpec spec = (PcaModelPortObjectSpec) out[1];
        assertEquals("Expression", spec.column());
        assertArrayEquals(GENES, spec.genes());
        assertEquals(4, spec.components());
        assertEquals("Expression", NodeHarness.saveSettings(m).getString("expression_column"));
    }

    @Test
    void configureFailsWithoutAnExpressionColumnOrWithoutQueryCellsForTransduction() throws Exception {
        DataTableSpec noExpression = Tables.spec("cell_type", org.knime.core.data.def.StringCell.TYPE);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model(), noExpression, null));
        assertTrue(e.getMessage().contains("no expression column"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model("transductive", true), train().getDataTableSpec(), null));
        assertTrue(e.getMessage().contains("second input"), e.getMessage());
    }

    @Test
    void executeGivesTheEngineComponentsOfTheLogNormalisedTrainingCells() throws Exception {
        ExpressionPcaLearnerNodeModel m = model("components", 5, "all_genes", true, "threads", 1, "seed", 3);
        PortObject[] out = NodeHarness.execute(m, new RecordingExecution(), train(), null);
        PcaOptions o = PcaOptions.DEFAULTS.withComponents(5).withHighlyVariableGenes(0).withThreads(1).withSeed(3);
        ExpressionRows rows = ExpressionRows.dense(logNormalised(TRAIN));
        float[][] expected = ExpressionPca.fit(rows, null, o, CancellationToken.NONE, ProgressListener.NONE)
            .transform(rows);
        float[][] actual = LearnTestData.vectors((BufferedDataTable) out[0], "PCA");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-5f, "row " + i);
        }
        PcaModelPortObject model = (PcaModelPortObject) out[1];
        assertEquals(20, model.getSpec().geneCount());
        assertTrue(model.getSummary().contains("60 training cells"), model.getSummary());
        assertEquals(((DataTableSpec) NodeHarness.configure(m, train().getDataTableSpec(), null)[0]),
            ((BufferedDataTable) out[0]).getDataTableSpec());
        assertNull(NodeHarness.warning(m));
    }

    @Test
    void transductiveFittingUsesTheQueryCellsAsTheEngineDoes() throws Exception {
        ExpressionPcaLearnerNodeModel m = model("components", 4, "highly_variable_genes", 10, "threads", 1,
            "transductive", true);
        PortObject[] out = NodeHarness.execute(m, new RecordingExecution(), train(), query());
        PcaOptions o = PcaOptions.DEFAULTS.withComponents(4).withHighlyVariableGenes(10).withThreads(1)
            .withTransductive(true);
        ExpressionRows rows = ExpressionRows.dense(logNormalised(TRAIN));
        float[][] expected = ExpressionPca.fit(rows, ExpressionRows.dense(logNormalised(QUERY)), o,
            CancellationToken.NONE, ProgressListener.NONE).transform(rows);
        float[][] actual = LearnTestData.vectors((BufferedDataTable) out[0], "PCA");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-5f, "row " + i);
        }
        assertTrue(((PcaModelPortObject) out[1]).getSummary().contains("30 unlabelled query cells"));
    }

    @Test
    void queryCellsWithoutTransductionAreReportedAsUnused() throws Exception {
        ExpressionPcaLearnerNodeModel m = model("components", 3);
        NodeHarness.execute(m, new RecordingExecution(), train(), query());
        assertTrue(NodeHarness.warning(m).toString().contains("not used"), NodeHarness.warning(m).toString());
    }

    @Test
    void tooManyComponentsFailWithTheEnginesMessage() throws Exception {
        ExpressionPcaLearnerNodeModel m = model("components", 30, "all_genes", true);
        KNIMEException e = assertThrows(KNIMEException.class,
            () -> NodeHarness.execute(m, new RecordingExecution(), train(), null));
        assertTrue(e.getMessage().contains("30"), e.getMessage());
    }

    @Test
    void executionStopsWhenCancelled() throws Exception {
        RecordingExecution exec = new RecordingExecution();
        exec.cancel();
        assertThrows(CanceledExecutionException.class,
            () -> NodeHarness.execute(model("components", 3), exec, train(), null));
    }

    @Test
    void theDialogShowsAndSavesTheNodesSettings() throws Exception {
        org.knime.core.node.NodeSettings saved = NodeHarness.saveSettings(model("components", 7, "transductive", true, "expression_column", "Expression"));
        ExpressionPcaLearnerNodeDialog dialog = new ExpressionPcaLearnerNodeDialog();
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {train().getDataTableSpec(), null});
        org.knime.core.node.NodeSettings fromDialog = new org.knime.core.node.NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        // the order of keys is free; every key and value must survive
        assertEquals(sortedLines(NodeHarness.toXml(saved)), sortedLines(NodeHarness.toXml(fromDialog)));
    }

    private static java.util.List<String> sortedLines(String xml) {
        return xml.lines().map(String::trim).sorted().toList();
    }
}
