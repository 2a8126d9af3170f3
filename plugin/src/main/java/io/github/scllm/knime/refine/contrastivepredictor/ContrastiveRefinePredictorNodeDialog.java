package io.github.scllm.knime.refine.contrastivepredictor;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** The dialog of Contrastive Refine Predictor. */
final class ContrastiveRefinePredictorNodeDialog extends DefaultNodeSettingsPane {

    ContrastiveRefinePredictorNodeDialog() {
        ContrastiveRefinePredictorNodeSettings s = new ContrastiveRefinePredictorNodeSettings();
        addDialogComponent(new DialogComponentString(s.outputColumnModel(), "Output column"));
    }
}
