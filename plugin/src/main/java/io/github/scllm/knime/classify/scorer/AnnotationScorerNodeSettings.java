package io.github.scllm.knime.classify.scorer;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.classify.UnknownPolicy;
import io.github.scllm.knime.refine.port.ModelSettings;

/** The settings of Annotation Scorer, shared by model and dialog; the only place that names their keys. */
final class AnnotationScorerNodeSettings extends ModelSettings {
    static final String EXCLUDE = "exclude from the metrics";
    static final String COUNT_AS_WRONG = "count as wrong";
    static final List<String> UNKNOWN_POLICIES = List.of(EXCLUDE, COUNT_AS_WRONG);

    private final SettingsModelString truthColumn = new SettingsModelString("truth_column", "");
    private final SettingsModelString predictionColumn = new SettingsModelString("prediction_column", "");
    private final SettingsModelString unknownPolicy = new SettingsModelString("unknown_predictions", EXCLUDE);
    private final SettingsModelBoolean failOnMissing = new SettingsModelBoolean("fail_on_missing", false);

    @Override
    protected List<SettingsModel> models() {
        return List.of(truthColumn, predictionColumn, unknownPolicy, failOnMissing);
    }

    @Override
    protected ModelSettings fresh() {
        return new AnnotationScorerNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkChoice(unknownPolicy.getStringValue(), UNKNOWN_POLICIES, "Unknown predictions");
    }

    SettingsModelString truthColumnModel() {
        return truthColumn;
    }

    SettingsModelString predictionColumnModel() {
        return predictionColumn;
    }

    SettingsModelString unknownPolicyModel() {
        return unknownPolicy;
    }

    SettingsModelBoolean failOnMissingModel() {
        return failOnMissing;
    }

    UnknownPolicy policy() {
        return COUNT_AS_WRONG.equals(unknownPolicy.getStringValue()) ? UnknownPolicy.COUNT_AS_WRONG
            : UnknownPolicy.EXCLUDE;
    }
}
