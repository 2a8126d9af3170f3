package io.github.scllm.knime.classify.scorer;

import static io.github.scllm.knime.refine.port.LearnTestData.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.classify.ClassScore;
import io.github.scllm.core.classify.UnknownPolicy;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class AnnotationScorerNodeModelTest {
    static final String[] TRUTH = {"B", "B", "T", "T", "T", "NK", "NK", "Mono", "Mono", "Mono", "B", "T"};
    static final String[] PRED = {"B", "T", "T", "T", "Unknown", "NK", "T", "Mono", "Mono", "B", "Unknown", "T"};

    static BufferedDataTable table(String[] truth, String[] predicted) {
        DataTableSpec spec = Tables.spec("cell_type", StringCell.TYPE, "Predicted label", StringCell.TYPE);
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            rows.add(new DefaultRow("cell" + (i + 1), cell(truth[i]), cell(predicted[i])));
        }
        return Tables.table(spec, rows);
    }

    private static DataCell cell(String s) {
        return s == null ? DataType.getMissingCell() : new StringCell(s);
    }

    static AnnotationScorerNodeModel model(Object... more) throws InvalidSettingsException {
        return set(set(new AnnotationScorerNodeModel(), "truth_column", "cell_type", "prediction_column",
            "Predicted label"), more);
    }

    static double d(DataRow r, int c) {
        return ((DoubleValue) r.getCell(c)).getDoubleValue();
    }

    static int n(DataRow r, int c) {
        return ((IntValue) r.getCell(c)).getIntValue();
    }

    static void assertTablesMatch(AnnotationMetrics m, BufferedDataTable[] out) {
        DataRow overall = Tables.rows(out[0]).get(0);
        assertEquals(m.accuracy(), d(overall, 0), 1e-12);
        assertEquals(m.macroF1(), d(overall, 1), 1e-12);
        assertEquals(m.weightedF1(), d(overall, 2), 1e-12);
        assertEquals(m.kappa(), d(overall, 3), 1e-12);
        assertEquals(m.coverage(), d(overall, 4), 1e-12);
        assertEquals(List.of(m.total(), m.scored(), m.rejected()), List.of(n(overall, 5), n(overall, 6),
            n(overall, 7)));
        List<DataRow> classes = Tables.rows(out[1]);
        assertEquals(m.perClass().size(), classes.size());
        for (int i = 0; i < classes.size(); i++) {
            ClassScore s = m.perClass().get(i);
            DataRow r = classes.get(i);
            assertEquals(s.label(), r.getKey().getString());
            assertEquals(List.of(s.precision(), s.recall(), s.f1()), List.of(d(r, 0), d(r, 1), d(r, 2)));
            assertEquals(s.support(), n(r, 3));
        }
        assertEquals(m.predictedColumns(), List.of(out[2].getDataTableSpec().getColumnNames()));
        List<DataRow> confusion = Tables.rows(out[2]);
        int[][] counts = m.confusion();
        for (int i = 0; i < confusion.size(); i++) {
            assertEquals(m.classes().get(i), confusion.get(i).getKey().getString());
            for (int j = 0; j < counts[i].length; j++) {
                assertEquals(counts[i][j], n(confusion.get(i), j), "cell " + i + "," + j);
            }
        }
    }

    @Test
    void outputsAreTheEnginesMetricsWithUnknownExcluded() throws Exception {
        BufferedDataTable[] out = NodeHarness.executeTables(model(), new RecordingExecution(), table(TRUTH, PRED));
        AnnotationMetrics m = AnnotationMetrics.score(TRUTH, PRED, UnknownPolicy.EXCLUDE);
        assertTablesMatch(m, out);
        assertEquals(10.0 / 12, d(Tables.rows(out[0]).get(0), 4), 1e-12);
        assertEquals(7.0 / 10, d(Tables.rows(out[0]).get(0), 0), 1e-12);
    }

    @Test
    void unknownCountedAsWrongAddsAnUnknownColumnToTheConfusionMatrix() throws Exception {
        BufferedDataTable[] out = NodeHarness.executeTables(model("unknown_predictions",
            AnnotationScorerNodeSettings.COUNT_AS_WRONG), new RecordingExecution(), table(TRUTH, PRED));
        AnnotationMetrics m = AnnotationMetrics.score(TRUTH, PRED, UnknownPolicy.COUNT_AS_WRONG);
        assertTablesMatch(m, out);
        assertEquals("Unknown", out[2].getDataTableSpec().getColumnNames()[m.predictedColumns().size() - 1]);
        assertEquals(7.0 / 12, d(Tables.rows(out[0]).get(0), 0), 1e-12);
    }

    @Test
    void rowsWithoutALabelAreLeftOutWithAWarningOrFailOnRequest() throws Exception {
        String[] truth = TRUTH.clone();
        truth[1] = null;
        String[] pred = PRED.clone();
        pred[6] = null;
        AnnotationScorerNodeModel m = model();
        BufferedDataTable[] out = NodeHarness.executeTables(m, new RecordingExecution(), table(truth, pred));
        assertEquals(10, n(Tables.rows(out[0]).get(0), 5));
        assertTrue(NodeHarness.warning(m).toString().contains("2 rows"), NodeHarness.warning(m).toString());
        KNIMEException e = assertThrows(KNIMEException.class, () -> NodeHarness.executeTables(
            model("fail_on_missing", true), new RecordingExecution(), table(truth, pred)));
        assertTrue(e.getMessage().contains("'cell2' (row 2) has no true label"), e.getMessage());
    }

    @Test
    void configureChecksTheColumnsAndLeavesTheConfusionMatrixOpen() throws Exception {
        DataTableSpec spec = table(TRUTH, PRED).getDataTableSpec();
        DataTableSpec[] out = NodeHarness.configureTables(model(), spec);
        assertEquals(AnnotationScorerNodeModel.METRICS_SPEC, out[0]);
        assertEquals(AnnotationScorerNodeModel.CLASS_SPEC, out[1]);
        assertNull(out[2]);
        assertEquals(AnnotationScorerNodeModel.RELIABILITY_SPEC, out[3]);
        assertEquals(List.of("ECE", "MCE", "Calibrated cells"), List.of(NodeHarness.configureTables(
            model("use_confidence", true, "confidence_column", "Confidence"), table(TRUTH, PRED, CONF)
            .getDataTableSpec())[0].getColumnNames()).subList(8, 11), "the metrics row gains three columns");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("prediction_column", "cell_type"), spec));
        assertTrue(e.getMessage().contains("two different columns"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("truth_column", "bulk_labels"), spec));
        assertTrue(e.getMessage().contains("'bulk_labels'"), e.getMessage());
    }

    @Test
    void settingsSurviveAnXmlRoundTrip() throws Exception {
        AnnotationScorerNodeModel m = model("unknown_predictions", AnnotationScorerNodeSettings.COUNT_AS_WRONG,
            "fail_on_missing", true);
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)),
            NodeHarness.toXml(NodeHarness.settingsRoundTrip(m, new AnnotationScorerNodeModel())));
        assertThrows(InvalidSettingsException.class, () -> model("unknown_predictions", "ignore"));
    }

    @Test
    void theDialogShowsAndSavesTheNodesSettings() throws Exception {
        org.knime.core.node.NodeSettings saved = NodeHarness.saveSettings(model("fail_on_missing", true,
            "confidence_column", "Confidence"));
        AnnotationScorerNodeDialog dialog = new AnnotationScorerNodeDialog();
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {
            table(TRUTH, PRED, CONF).getDataTableSpec()});
        org.knime.core.node.NodeSettings fromDialog = new org.knime.core.node.NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        // the order of keys is free; every key and value must survive
        assertEquals(sortedLines(NodeHarness.toXml(saved)), sortedLines(NodeHarness.toXml(fromDialog)));
    }

    /** Confidences of the rows of TRUTH / PRED; row 9 holds 1.0 exactly, rows 5 and 11 are Unknown. */
    static final Double[] CONF = {0.9, 0.6, 1.0, 0.8, 0.3, 0.7, 0.55, 0.95, 1.0, 0.65, 0.2, 0.85};

    static BufferedDataTable table(String[] truth, String[] predicted, Double[] confidence) {
        DataTableSpec spec = Tables.spec("cell_type", StringCell.TYPE, "Predicted label", StringCell.TYPE,
            "Confidence", DoubleCell.TYPE);
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            rows.add(new DefaultRow("cell" + (i + 1), cell(truth[i]), cell(predicted[i]), confidence[i] == null
                ? DataType.getMissingCell() : new DoubleCell(confidence[i])));
        }
        return Tables.table(spec, rows);
    }

    @Test
    void aConfidenceColumnAddsTheReliabilityTableAndTheCalibrationErrors() throws Exception {
        BufferedDataTable[] out = NodeHarness.executeTables(model("use_confidence", true, "confidence_column",
            "Confidence", "calibration_bins", 5), new RecordingExecution(), table(TRUTH, PRED, CONF));
        assertTablesMatch(AnnotationMetrics.score(TRUTH, PRED, UnknownPolicy.EXCLUDE), out);
        // the Unknown rows 5 and 11 stay out; the ten others, worked by hand (right = truth equals prediction):
        // bin 3 [0.4, 0.6): 0.55 wrong; bin 4 [0.6, 0.8): 0.6 wrong, 0.7 right, 0.65 wrong;
        // bin 5 [0.8, 1.0]: 0.9 right, 1.0 right, 0.8 right, 0.95 right, 1.0 right, 0.85 right
        List<DataRow> bins = Tables.rows(out[3]);
        assertEquals(5, bins.size());
        assertEquals(List.of(0, 0, 1, 3, 6), bins.stream().map(r -> n(r, 2)).toList());
        assertEquals("Bin 5", bins.get(4).getKey().getString());
        assertEquals(0.8, d(bins.get(4), 0), 1e-12);
        assertEquals(1.0, d(bins.get(4), 1), 1e-12);
        assertEquals(1.0, d(bins.get(4), 4), 1e-12);
        assertEquals((0.6 + 0.7 + 0.65) / 3, d(bins.get(3), 3), 1e-12);
        assertEquals(1.0 / 3, d(bins.get(3), 4), 1e-12);
        assertTrue(bins.get(0).getCell(3).isMissing() && bins.get(0).getCell(4).isMissing(), "empty bin");
        double ece = (0.55 + 3 * Math.abs(1.0 / 3 - 1.95 / 3) + 6 * Math.abs(1 - 5.5 / 6)) / 10;
        DataRow overall = Tables.rows(out[0]).get(0);
        assertEquals(ece, d(overall, 8), 1e-12);
        assertEquals(0.55, d(overall, 9), 1e-12);
        assertEquals(10, n(overall, 10));
        double[] conf = {0.9, 0.6, 1.0, 0.8, 0.7, 0.55, 0.95, 1.0, 0.65, 0.85};
        boolean[] right = {true, false, true, true, true, false, true, true, false, true};
        assertEquals(Calibration.of(conf, right, 5).ece(), d(overall, 8), 1e-12);
    }

    @Test
    void withoutAConfidenceColumnTheReliabilityTableIsEmptyAndTheMetricsRowUnchanged() throws Exception {
        BufferedDataTable[] out = NodeHarness.executeTables(model(), new RecordingExecution(),
            table(TRUTH, PRED, CONF));
        assertEquals(AnnotationScorerNodeModel.METRICS_SPEC, out[0].getDataTableSpec());
        assertEquals(AnnotationScorerNodeModel.RELIABILITY_SPEC, out[3].getDataTableSpec());
        assertTrue(Tables.rows(out[3]).isEmpty());
    }

    @Test
    void missingAndOutOfRangeConfidencesAreReportedWithTheirRow() throws Exception {
        Double[] conf = CONF.clone();
        conf[2] = null;
        AnnotationScorerNodeModel m = model("use_confidence", true, "confidence_column", "Confidence");
        BufferedDataTable[] out = NodeHarness.executeTables(m, new RecordingExecution(), table(TRUTH, PRED, conf));
        assertEquals(9, n(Tables.rows(out[0]).get(0), 10));
        assertTrue(NodeHarness.warning(m).toString().contains("1 rows without a confidence"),
            NodeHarness.warning(m).toString());
        KNIMEException e = assertThrows(KNIMEException.class, () -> NodeHarness.executeTables(model("use_confidence",
            true, "confidence_column", "Confidence", "fail_on_missing", true), new RecordingExecution(),
            table(TRUTH, PRED, conf)));
        assertTrue(e.getMessage().contains("'cell3' (row 3) has no confidence"), e.getMessage());
        Double[] percent = CONF.clone();
        percent[3] = 80.0;
        e = assertThrows(KNIMEException.class, () -> NodeHarness.executeTables(model("use_confidence", true,
            "confidence_column", "Confidence"), new RecordingExecution(), table(TRUTH, PRED, percent)));
        assertTrue(e.getMessage().contains("'cell4' (row 4) has the confidence 80.0"), e.getMessage());
    }

    @Test
    void configureNamesAMissingOrUnsetConfidenceColumn() throws Exception {
        DataTableSpec spec = table(TRUTH, PRED, CONF).getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("use_confidence", true), spec));
        assertTrue(e.getMessage().contains("No confidence column selected"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configureTables(model("use_confidence",
            true, "confidence_column", "cell_type"), spec));
        assertTrue(e.getMessage().contains("no numeric column 'cell_type'"), e.getMessage());
    }

    @Test
    void settingsSavedBeforeTheCalibrationOptionsStillLoad() throws Exception {
        NodeSettings old = NodeHarness.saveSettings(model("fail_on_missing", true));
        NodeSettings trimmed = new NodeSettings(old.getKey());
        for (String key : List.of("truth_column", "prediction_column", "unknown_predictions")) {
            trimmed.addString(key, old.getString(key));
        }
        trimmed.addBoolean("fail_on_missing", true);
        AnnotationScorerNodeModel m = new AnnotationScorerNodeModel();
        NodeHarness.loadSettings(m, trimmed);
        NodeSettings loaded = NodeHarness.saveSettings(m);
        assertTrue(loaded.getBoolean("fail_on_missing"));
        assertEquals(false, loaded.getBoolean("use_confidence"));
        assertEquals(10, loaded.getInt("calibration_bins"));
    }

    private static java.util.List<String> sortedLines(String xml) {
        return xml.lines().map(String::trim).sorted().toList();
    }
}
