package io.github.scllm.knime.refine.pcalearner;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

import io.github.scllm.knime.data.ExpressionValue;
import io.github.scllm.knime.refine.port.ExpressionInput;

/** The dialog of Expression PCA Learner: wraps the settings models, declares no keys. */
final class ExpressionPcaLearnerNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ExpressionPcaLearnerNodeDialog() {
        ExpressionPcaLearnerNodeSettings s = new ExpressionPcaLearnerNodeSettings();
        createNewGroup("Input");
        addDialogComponent(new DialogComponentColumnNameSelection(s.columnModel(), "Expression column", 0,
            ExpressionValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.inputValuesModel(), "Input values",
            ExpressionInput.VALUE_CHOICES));
        closeCurrentGroup();
        createNewGroup("Genes and components");
        addDialogComponent(new DialogComponentBoolean(s.allGenesModel(), "Use all genes"));
        addDialogComponent(new DialogComponentNumber(s.genesModel(), "Highly variable genes", 100));
        addDialogComponent(new DialogComponentNumber(s.componentsModel(), "Components", 1));
        addDialogComponent(new DialogComponentNumber(s.clipModel(), "Clip z-scores at", 1.0));
        addDialogComponent(new DialogComponentBoolean(s.transductiveModel(),
            "Transductive: fit on training and query cells"));
        closeCurrentGroup();
        addDialogComponent(new DialogComponentString(s.outputColumnModel(), "Output column"));

        createNewTab("Advanced");
        addDialogComponent(new DialogComponentNumber(s.seedModel(), "Random seed", 1));
        addDialogComponent(new DialogComponentNumber(s.powerIterationsModel(), "Power iterations", 1));
        addDialogComponent(new DialogComponentNumber(s.oversamplingModel(), "Oversampling", 1));
        addDialogComponent(new DialogComponentNumber(s.threadsModel(), "Threads (0 = all cores)", 1));
    }
}
