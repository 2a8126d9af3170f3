package io.github.scllm.knime.classify.knn;

import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringListSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.core.node.port.PortObjectSpec;

import io.github.scllm.knime.data.ExpressionValue;
import io.github.scllm.knime.refine.port.ExpressionInput;
import io.github.scllm.knime.refine.port.VectorColumns;

/** The dialog of KNN Classify: wraps the settings models, declares no keys. */
final class KnnClassifyNodeDialog extends DefaultNodeSettingsPane {
    /** Shown in the column list until a reference with vector columns is connected. */
    static final String NO_VECTORS = "(no vector column in the reference)";

    private final KnnClassifyNodeSettings s = new KnnClassifyNodeSettings();
    private final DialogComponentStringListSelection columns;

    @SuppressWarnings("unchecked")
    KnnClassifyNodeDialog() {
        createNewGroup("Reference");
        columns = new DialogComponentStringListSelection(s.vectorColumnsModel(), "Vector columns", List.of(NO_VECTORS),
            true, 5);
        addDialogComponent(columns);
        addDialogComponent(new DialogComponentColumnNameSelection(s.labelColumnModel(), "Label column", 0,
            StringValue.class));
        closeCurrentGroup();
        createNewGroup("Classifier");
        addDialogComponent(new DialogComponentStringSelection(s.classifierModel(), "Classifier",
            KnnClassifyNodeSettings.CLASSIFIERS));
        addDialogComponent(new DialogComponentNumber(s.kModel(), "Number of neighbours (k)", 1));
        addDialogComponent(new DialogComponentBoolean(s.capKModel(), "Cap k at the smallest class size"));
        addDialogComponent(new DialogComponentStringSelection(s.metricModel(), "Distance",
            KnnClassifyNodeSettings.METRICS));
        addDialogComponent(new DialogComponentStringSelection(s.weightingModel(), "Vote weighting",
            KnnClassifyNodeSettings.WEIGHTINGS));
        closeCurrentGroup();
        createNewGroup("Correlation to reference");
        addDialogComponent(new DialogComponentColumnNameSelection(s.expressionColumnModel(), "Expression column", 0,
            false, ExpressionValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.expressionValuesModel(), "Expression values",
            ExpressionInput.VALUE_CHOICES));
        addDialogComponent(new DialogComponentBoolean(s.pruneModel(), "Prune unclear assignments to Unknown"));
        closeCurrentGroup();
        createNewGroup("Output");
        addDialogComponent(new DialogComponentString(s.predictionColumnModel(), "Prediction column"));
        addDialogComponent(new DialogComponentNumber(s.rejectThresholdModel(), "Reject threshold (0 = off)", 0.05));
        addDialogComponent(new DialogComponentBoolean(s.probabilitiesModel(), "Append class probabilities"));
        closeCurrentGroup();

        createNewTab("Advanced");
        addDialogComponent(new DialogComponentStringSelection(s.tieBreakModel(), "Ties",
            KnnClassifyNodeSettings.TIE_BREAKS));
        addDialogComponent(new DialogComponentNumber(s.inverseRegularizationModel(),
            "Logistic regression: inverse regularisation C", 0.1));
        addDialogComponent(new DialogComponentNumber(s.maxIterationsModel(), "Logistic regression: iteration limit",
            100));
        addDialogComponent(new DialogComponentNumber(s.threadsModel(), "Threads (0 = all cores)", 1));
    }

    /** Without an expression column in the reference the column list is empty: keep "none chosen" as saved. */
    @Override
    public void saveAdditionalSettingsTo(NodeSettingsWO settings) throws InvalidSettingsException {
        if (s.expressionColumnModel().getStringValue() == null) {
            s.expressionColumnModel().setStringValue("");
            s.expressionColumnModel().saveSettingsTo(settings);
        }
    }

    @Override
    public void loadAdditionalSettingsFrom(NodeSettingsRO settings, PortObjectSpec[] specs)
        throws NotConfigurableException {
        List<String> names = VectorColumns.candidates((DataTableSpec) specs[0]);
        columns.replaceListItems(names.isEmpty() ? List.of(NO_VECTORS) : names,
            s.vectorColumnsModel().getStringArrayValue());
    }
}
