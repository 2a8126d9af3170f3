package io.github.scllm.knime.classify.scorer;

import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The dialog of Annotation Scorer: wraps the settings models, declares no keys. */
final class AnnotationScorerNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    AnnotationScorerNodeDialog() {
        AnnotationScorerNodeSettings s = new AnnotationScorerNodeSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.truthColumnModel(), "True label column", 0,
            StringValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.predictionColumnModel(),
            "Predicted label column", 0, StringValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.unknownPolicyModel(), "Unknown predictions",
            AnnotationScorerNodeSettings.UNKNOWN_POLICIES));
        addDialogComponent(new DialogComponentBoolean(s.failOnMissingModel(), "Fail on missing labels"));
        createNewGroup("Calibration");
        addDialogComponent(new DialogComponentBoolean(s.useConfidenceModel(), "Score the confidence"));
        addDialogComponent(new DialogComponentColumnNameSelection(s.confidenceColumnModel(), "Confidence column", 0,
            false, DoubleValue.class));
        addDialogComponent(new DialogComponentNumber(s.binsModel(), "Number of confidence bins", 1));
        closeCurrentGroup();
    }
}
