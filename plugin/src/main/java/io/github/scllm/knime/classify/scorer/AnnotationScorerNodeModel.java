package io.github.scllm.knime.classify.scorer;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;

import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.classify.ClassScore;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.VectorColumns;

/**
 * Scores predicted against true labels: overall metrics, per-class statistics and the confusion matrix; with a
 * confidence column also the reliability table and the expected and maximum calibration error.
 */
final class AnnotationScorerNodeModel extends SettingsNodeModel<AnnotationScorerNodeSettings> {
    private static final String TABLE = "input table";

    /** The one-row table of overall metrics. */
    static final DataTableSpec METRICS_SPEC = new DataTableSpec("Metrics",
        new String[] {"Accuracy", "Macro F1", "Weighted F1", "Cohen's kappa", "Coverage", "Cells", "Scored cells",
            "Unknown predictions"},
        new DataType[] {DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
            IntCell.TYPE, IntCell.TYPE, IntCell.TYPE});
    /** One row per class. */
    static final DataTableSpec CLASS_SPEC = new DataTableSpec("Class statistics",
        new String[] {"Precision", "Recall", "F1", "Support"},
        new DataType[] {DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, IntCell.TYPE});
    /** The columns the metrics row gains when a confidence column is chosen. */
    static final DataTableSpec CALIBRATION_SPEC = new DataTableSpec("Calibration", new String[] {"ECE", "MCE",
        "Calibrated cells"}, new DataType[] {DoubleCell.TYPE, DoubleCell.TYPE, IntCell.TYPE});
    /** One row per confidence bin; empty without a confidence column. */
    static final DataTableSpec RELIABILITY_SPEC = new DataTableSpec("Reliability table",
        new String[] {"Lowest confidence", "Highest confidence", "Cells", "Mean confidence", "Accuracy", "Gap"},
        new DataType[] {DoubleCell.TYPE, DoubleCell.TYPE, IntCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
            DoubleCell.TYPE});

    AnnotationScorerNodeModel() {
        super(1, 4, new AnnotationScorerNodeSettings());
    }

    private DataTableSpec metricsSpec() {
        return settings.calibrates() ? new DataTableSpec(METRICS_SPEC, CALIBRATION_SPEC) : METRICS_SPEC;
    }

    /** @return the true, predicted and confidence column (-1 without calibration) */
    private int[] columns(DataTableSpec in) throws InvalidSettingsException {
        int truth = VectorColumns.labelIndex(in, settings.truthColumnModel().getStringValue(), TABLE);
        int predicted = VectorColumns.labelIndex(in, settings.predictionColumnModel().getStringValue(), TABLE);
        if (truth == predicted) {
            throw new InvalidSettingsException("The true and the predicted label column are both '"
                + in.getColumnSpec(truth).getName() + "': choose two different columns.");
        }
        int confidence = -1;
        if (settings.calibrates()) {
            String name = settings.confidenceColumnModel().getStringValue();
            if (name == null || name.isBlank()) {
                throw new InvalidSettingsException("No confidence column selected: choose the column with the "
                    + "classifier's confidence (KNN Classify names it 'Confidence') or switch off the calibration.");
            }
            confidence = in.findColumnIndex(name);
            if (confidence < 0 || !in.getColumnSpec(confidence).getType().isCompatible(DoubleValue.class)) {
                throw new InvalidSettingsException("The " + TABLE + " has no numeric column '" + name + "' for the "
                    + "confidence; choose the column with the classifier's confidence.");
            }
        }
        return new int[] {truth, predicted, confidence};
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        columns(inSpecs[0]);
        // the confusion matrix has one column per predicted class, known only after reading the labels
        return new DataTableSpec[] {metricsSpec(), CLASS_SPEC, null, RELIABILITY_SPEC};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable in = inData[0];
        int[] cols = columns(in.getDataTableSpec());
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        List<Double> confidence = new ArrayList<>();
        int skipped = 0;
        int noConfidence = 0;
        int i = 0;
        try (CloseableRowIterator it = in.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                if (i++ % 1000 == 0) {
                    exec.checkCanceled();
                }
                String t = text(row.getCell(cols[0]));
                String p = text(row.getCell(cols[1]));
                if (t == null || p == null) {
                    if (settings.failOnMissingModel().getBooleanValue()) {
                        throw new KNIMEException("Row '" + row.getKey().getString() + "' (row " + i + ") has no "
                            + (t == null ? "true" : "predicted") + " label: remove such rows or switch off \"Fail on "
                            + "missing labels\".");
                    }
                    skipped++;
                    continue;
                }
                truth.add(t);
                predicted.add(p);
                if (cols[2] >= 0) {
                    Double c = confidence(row, cols[2], i);
                    noConfidence += c == null ? 1 : 0;
                    confidence.add(c);
                }
            }
        }
        AnnotationMetrics m = EngineBridge.run(() -> AnnotationMetrics.score(truth.toArray(String[]::new),
            predicted.toArray(String[]::new), settings.policy()));
        double[] conf = confidence.stream().mapToDouble(c -> c == null ? Double.NaN : c).toArray();
        Calibration cal = cols[2] < 0 ? null : EngineBridge.run(() -> Calibration.ofPredictions(
            truth.toArray(String[]::new), predicted.toArray(String[]::new), conf, settings.binsModel().getIntValue()))
            .orElse(null);
        List<String> warnings = new ArrayList<>();
        if (skipped > 0) {
            warnings.add(skipped + " rows without a true or predicted label were left out.");
        }
        if (noConfidence > 0) {
            warnings.add(noConfidence + " rows without a confidence were left out of the calibration.");
        }
        if (cols[2] >= 0 && cal == null) {
            warnings.add("No row with a confidence and a predicted class other than '" + Classifier.UNKNOWN
                + "' is left: the calibration is empty.");
        }
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join(" ", warnings));
        }
        return new BufferedDataTable[] {metrics(m, cols[2] >= 0, cal, exec), classes(m, exec), confusion(m, exec),
            reliability(cal, exec)};
    }

    /** @return the row's confidence, or null when missing (then failing on request) */
    private Double confidence(DataRow row, int column, int rowNumber) throws KNIMEException {
        DataCell cell = row.getCell(column);
        if (cell.isMissing()) {
            if (settings.failOnMissingModel().getBooleanValue()) {
                throw new KNIMEException("Row '" + row.getKey().getString() + "' (row " + rowNumber + ") has no "
                    + "confidence: remove such rows or switch off \"Fail on missing labels\".");
            }
            return null;
        }
        double c = ((DoubleValue) cell).getDoubleValue();
        if (!(c >= 0 && c <= 1)) {
            throw new KNIMEException("Row '" + row.getKey().getString() + "' (row " + rowNumber + ") has the "
                + "confidence " + c + " in column '" + settings.confidenceColumnModel().getStringValue() + "'; a "
                + "confidence must lie in [0, 1]: choose the classifier's confidence column.");
        }
        return c;
    }

    private static String text(DataCell cell) {
        if (cell.isMissing()) {
            return null;
        }
        String s = ((StringValue) cell).getStringValue();
        return s == null || s.isBlank() ? null : s;
    }

    private static DataCell number(double v) {
        return Double.isNaN(v) ? DataType.getMissingCell() : new DoubleCell(v);
    }

    private BufferedDataTable metrics(AnnotationMetrics m, boolean calibrates, Calibration cal,
        ExecutionContext exec) {
        List<DataCell> cells = new ArrayList<>(List.of(number(m.accuracy()), number(m.macroF1()),
            number(m.weightedF1()), number(m.kappa()), number(m.coverage()), new IntCell(m.total()),
            new IntCell(m.scored()), new IntCell(m.rejected())));
        if (calibrates) {
            cells.add(cal == null ? DataType.getMissingCell() : number(cal.ece()));
            cells.add(cal == null ? DataType.getMissingCell() : number(cal.mce()));
            cells.add(new IntCell(cal == null ? 0 : cal.cells()));
        }
        BufferedDataContainer c = exec.createDataContainer(metricsSpec());
        c.addRowToTable(new DefaultRow(new RowKey("Overall"), cells.toArray(DataCell[]::new)));
        c.close();
        return c.getTable();
    }

    private static BufferedDataTable reliability(Calibration cal, ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(RELIABILITY_SPEC);
        if (cal != null) {
            for (Calibration.Bin b : cal.bins()) {
                c.addRowToTable(new DefaultRow(new RowKey("Bin " + (b.index() + 1)), new DoubleCell(b.lower()),
                    new DoubleCell(b.upper()), new IntCell(b.count()), number(b.meanConfidence()),
                    number(b.accuracy()), number(b.gap())));
            }
        }
        c.close();
        return c.getTable();
    }

    private static BufferedDataTable classes(AnnotationMetrics m, ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(CLASS_SPEC);
        for (ClassScore s : m.perClass()) {
            c.addRowToTable(new DefaultRow(new RowKey(s.label()), number(s.precision()), number(s.recall()),
                number(s.f1()), new IntCell(s.support())));
        }
        c.close();
        return c.getTable();
    }

    private static BufferedDataTable confusion(AnnotationMetrics m, ExecutionContext exec) {
        List<String> columns = m.predictedColumns();
        DataType[] types = new DataType[columns.size()];
        java.util.Arrays.fill(types, IntCell.TYPE);
        BufferedDataContainer c = exec.createDataContainer(new DataTableSpec("Confusion matrix",
            columns.toArray(String[]::new), types));
        int[][] counts = m.confusion();
        for (int r = 0; r < m.classes().size(); r++) {
            DataCell[] cells = new DataCell[columns.size()];
            for (int j = 0; j < cells.length; j++) {
                cells[j] = new IntCell(counts[r][j]);
            }
            c.addRowToTable(new DefaultRow(new RowKey(m.classes().get(r)), cells));
        }
        c.close();
        return c.getTable();
    }
}
