package io.github.scllm.knime.refine.contrastivepredictor;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.knime.node.ModelSettings;

/** The settings of Expression PCA Predictor, shared by model and dialog. */
final class ContrastiveRefinePredictorNodeSettings extends ModelSettings {
    private final SettingsModelString outputColumn = new SettingsModelString("output_column", "Refined");

    @Override
    protected List<SettingsModel> models() {
        return List.of(outputColumn);
    }

    @Override
    protected ModelSettings fresh() {
        return new ContrastiveRefinePredictorNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        if (outputColumn.getStringValue().isBlank()) {
            throw new InvalidSettingsException("The output column name is empty: enter a name for the refined column.");
        }
    }

    SettingsModelString outputColumnModel() {
        return outputColumn;
    }
}
