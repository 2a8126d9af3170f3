package io.github.scllm.knime.classify.scorer;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.classify.UnknownPolicy;
import io.github.scllm.knime.node.ModelSettings;

/** The settings of Annotation Scorer, shared by model and dialog; the only place that names their keys. */
final class AnnotationScorerNodeSettings extends ModelSettings {
    static final String EXCLUDE = "exclude from the metrics";
    static final String COUNT_AS_WRONG = "count as wrong";
    static final List<String> UNKNOWN_POLICIES = List.of(EXCLUDE, COUNT_AS_WRONG);
    // since the calibration output: settings saved before lack these keys and read as "no confidence column"
    private static final String USE_CONFIDENCE_CFG = "use_confidence";
    private static final String CONFIDENCE_COLUMN_CFG = "confidence_column";
    private static final String BINS_CFG = "calibration_bins";

    private final SettingsModelString truthColumn = new SettingsModelString("truth_column", "");
    private final SettingsModelString predictionColumn = new SettingsModelString("prediction_column", "");
    private final SettingsModelString unknownPolicy = new SettingsModelString("unknown_predictions", EXCLUDE);
    private final SettingsModelBoolean failOnMissing = new SettingsModelBoolean("fail_on_missing", false);
    private final SettingsModelBoolean useConfidence = new SettingsModelBoolean(USE_CONFIDENCE_CFG, false);
    private final SettingsModelString confidenceColumn = new SettingsModelString(CONFIDENCE_COLUMN_CFG, "");
    private final SettingsModelIntegerBounded bins = new SettingsModelIntegerBounded(BINS_CFG,
        Calibration.DEFAULT_BINS, 1, 100);

    AnnotationScorerNodeSettings() {
        enableCalibration();
        useConfidence.addChangeListener(e -> enableCalibration());
    }

    /** Enables the calibration settings exactly when the calibration is switched on. */
    private void enableCalibration() {
        confidenceColumn.setEnabled(useConfidence.getBooleanValue());
        bins.setEnabled(useConfidence.getBooleanValue());
    }

    @Override
    protected void loaded() {
        enableCalibration();
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(truthColumn, predictionColumn, unknownPolicy, failOnMissing, useConfidence, confidenceColumn,
            bins);
    }

    /**
     * Fills in the keys added with the calibration output, so settings saved by an earlier version still load.
     *
     * @param saved settings as saved
     * @return {@code saved} itself when complete, else a copy with the defaults of the missing keys
     */
    @Override
    protected NodeSettingsRO completed(NodeSettingsRO saved) {
        if (saved.containsKey(USE_CONFIDENCE_CFG) && saved.containsKey(CONFIDENCE_COLUMN_CFG)
            && saved.containsKey(BINS_CFG)) {
            return saved;
        }
        NodeSettings copy = new NodeSettings(saved.getKey());
        saved.copyTo(copy);
        AnnotationScorerNodeSettings defaults = new AnnotationScorerNodeSettings();
        if (!saved.containsKey(USE_CONFIDENCE_CFG)) {
            defaults.useConfidence.saveSettingsTo(copy);
        }
        if (!saved.containsKey(CONFIDENCE_COLUMN_CFG)) {
            defaults.confidenceColumn.saveSettingsTo(copy);
        }
        if (!saved.containsKey(BINS_CFG)) {
            defaults.bins.saveSettingsTo(copy);
        }
        return copy;
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

    SettingsModelBoolean useConfidenceModel() {
        return useConfidence;
    }

    SettingsModelString confidenceColumnModel() {
        return confidenceColumn;
    }

    SettingsModelIntegerBounded binsModel() {
        return bins;
    }

    /** @return whether the calibration of a confidence column is asked for */
    boolean calibrates() {
        return useConfidence.getBooleanValue();
    }

    UnknownPolicy policy() {
        return COUNT_AS_WRONG.equals(unknownPolicy.getStringValue()) ? UnknownPolicy.COUNT_AS_WRONG
            : UnknownPolicy.EXCLUDE;
    }
}
