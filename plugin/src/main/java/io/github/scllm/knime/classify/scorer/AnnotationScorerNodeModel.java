package io.github.scllm.knime.classify.scorer;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.ClassScore;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.VectorColumns;

/** Scores predicted against true labels: overall metrics, per-class statistics and the confusion matrix. */
final class AnnotationScorerNodeModel extends NodeModel {
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

    private final AnnotationScorerNodeSettings settings = new AnnotationScorerNodeSettings();

    AnnotationScorerNodeModel() {
        super(1, 3);
    }

    private int[] columns(DataTableSpec in) throws InvalidSettingsException {
        int truth = VectorColumns.labelIndex(in, settings.truthColumnModel().getStringValue(), TABLE);
        int predicted = VectorColumns.labelIndex(in, settings.predictionColumnModel().getStringValue(), TABLE);
        if (truth == predicted) {
            throw new InvalidSettingsException("The true and the predicted label column are both '"
                + in.getColumnSpec(truth).getName() + "': choose two different columns.");
        }
        return new int[] {truth, predicted};
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        columns(inSpecs[0]);
        // the confusion matrix has one column per predicted class, known only after reading the labels
        return new DataTableSpec[] {METRICS_SPEC, CLASS_SPEC, null};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable in = inData[0];
        int[] cols = columns(in.getDataTableSpec());
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        int skipped = 0;
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
            }
        }
        if (skipped > 0) {
            setWarningMessage(skipped + " rows without a true or predicted label were left out.");
        }
        AnnotationMetrics m = EngineBridge.run(() -> AnnotationMetrics.score(truth.toArray(String[]::new),
            predicted.toArray(String[]::new), settings.policy()));
        return new BufferedDataTable[] {metrics(m, exec), classes(m, exec), confusion(m, exec)};
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

    private static BufferedDataTable metrics(AnnotationMetrics m, ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(METRICS_SPEC);
        c.addRowToTable(new DefaultRow(new RowKey("Overall"), number(m.accuracy()), number(m.macroF1()),
            number(m.weightedF1()), number(m.kappa()), number(m.coverage()), new IntCell(m.total()),
            new IntCell(m.scored()), new IntCell(m.rejected())));
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

    @Override
    protected void saveSettingsTo(NodeSettingsWO s) {
        settings.saveSettingsTo(s);
    }

    @Override
    protected void validateSettings(NodeSettingsRO s) throws InvalidSettingsException {
        settings.validateSettings(s);
    }

    @Override
    protected void loadValidatedSettingsFrom(NodeSettingsRO s) throws InvalidSettingsException {
        settings.loadValidatedSettingsFrom(s);
    }

    @Override
    protected void loadInternals(File dir, ExecutionMonitor exec) {
        // the outputs are tables saved by the framework
    }

    @Override
    protected void saveInternals(File dir, ExecutionMonitor exec) {
        // nothing beyond the outputs
    }

    @Override
    protected void reset() {
        // no state kept between executions
    }
}
