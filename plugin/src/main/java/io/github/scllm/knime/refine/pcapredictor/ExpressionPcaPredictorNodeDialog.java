package io.github.scllm.knime.refine.pcapredictor;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** The dialog of Expression PCA Predictor. */
final class ExpressionPcaPredictorNodeDialog extends DefaultNodeSettingsPane {

    ExpressionPcaPredictorNodeDialog() {
        ExpressionPcaPredictorNodeSettings s = new ExpressionPcaPredictorNodeSettings();
        addDialogComponent(new DialogComponentString(s.outputColumnModel(), "Output column"));
    }
}
