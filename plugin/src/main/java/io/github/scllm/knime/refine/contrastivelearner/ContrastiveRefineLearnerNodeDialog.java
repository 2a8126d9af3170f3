package io.github.scllm.knime.refine.contrastivelearner;

import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringListSelection;
import org.knime.core.node.port.PortObjectSpec;

import io.github.scllm.knime.refine.port.VectorColumns;

/** The dialog of Contrastive Refine Learner: wraps the settings models, declares no keys. */
final class ContrastiveRefineLearnerNodeDialog extends DefaultNodeSettingsPane {
    /** Shown in the column list until a table with vector columns is connected. */
    static final String NO_VECTORS = "(no vector column in the input)";

    private final ContrastiveRefineLearnerNodeSettings s = new ContrastiveRefineLearnerNodeSettings();
    private final DialogComponentStringListSelection columns;

    @SuppressWarnings("unchecked")
    ContrastiveRefineLearnerNodeDialog() {
        createNewGroup("Input");
        columns = new DialogComponentStringListSelection(s.vectorColumnsModel(), "Vector columns", List.of(NO_VECTORS),
            true, 6);
        addDialogComponent(columns);
        addDialogComponent(new DialogComponentColumnNameSelection(s.labelColumnModel(), "Label column", 0,
            StringValue.class));
        addDialogComponent(new DialogComponentString(s.outputColumnModel(), "Output column"));
        closeCurrentGroup();
        createNewGroup("Projection head");
        addDialogComponent(new DialogComponentNumber(s.hiddenModel(), "Hidden units", 64));
        addDialogComponent(new DialogComponentNumber(s.outputModel(), "Output dimension", 16));
        addDialogComponent(new DialogComponentNumber(s.temperatureModel(), "Temperature", 0.01));
        closeCurrentGroup();
        createNewGroup("Training");
        addDialogComponent(new DialogComponentNumber(s.epochsModel(), "Maximum epochs", 1));
        addDialogComponent(new DialogComponentNumber(s.patienceModel(), "Early stopping patience", 1));
        addDialogComponent(new DialogComponentNumber(s.validationFractionModel(), "Validation fraction", 0.05));
        addDialogComponent(new DialogComponentNumber(s.batchSizeModel(), "Batch size", 32));
        addDialogComponent(new DialogComponentBoolean(s.balancedModel(), "Class-balanced batches"));
        closeCurrentGroup();

        createNewTab("Advanced");
        addDialogComponent(new DialogComponentNumber(s.learningRateModel(), "Learning rate", 1e-4));
        addDialogComponent(new DialogComponentNumber(s.weightDecayModel(), "Weight decay", 1e-6));
        addDialogComponent(new DialogComponentNumber(s.minDeltaModel(), "Minimum improvement", 1e-4));
        addDialogComponent(new DialogComponentNumber(s.seedModel(), "Random seed", 1));
        addDialogComponent(new DialogComponentNumber(s.threadsModel(), "Threads (0 = all cores)", 1));
    }

    @Override
    public void loadAdditionalSettingsFrom(NodeSettingsRO settings, PortObjectSpec[] specs)
        throws NotConfigurableException {
        List<String> names = VectorColumns.candidates((DataTableSpec) specs[0]);
        columns.replaceListItems(names.isEmpty() ? List.of(NO_VECTORS) : names,
            s.vectorColumnsModel().getStringArrayValue());
    }
}
