package io.github.scllm.knime.refine.port;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * The lifecycle every node settings class of the learning nodes shares: save, validate (each model, then the checks
 * across models on a fresh copy) and load. Subclasses declare the keys, the models and the checks.
 */
public abstract class ModelSettings {

    /** @return every settings model, in save order */
    protected abstract List<SettingsModel> models();

    /** @return a new instance with default values, used to validate settings without changing this one */
    protected abstract ModelSettings fresh();

    /**
     * Checks across models (choices, ranges that depend on each other, conversions to engine options).
     *
     * @throws InvalidSettingsException naming the setting and what to do
     */
    protected void check() throws InvalidSettingsException {
        // nothing beyond the models' own checks by default
    }

    /** @param settings receives every model */
    public final void saveSettingsTo(NodeSettingsWO settings) {
        for (SettingsModel m : models()) {
            m.saveSettingsTo(settings);
        }
    }

    /**
     * @param settings settings to check
     * @throws InvalidSettingsException if a model rejects them or the checks fail
     */
    public final void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models()) {
            m.validateSettings(settings);
        }
        ModelSettings copy = fresh();
        copy.loadValidatedSettingsFrom(settings);
        copy.check();
    }

    /**
     * @param settings validated settings
     * @throws InvalidSettingsException if a model cannot read them
     */
    public final void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models()) {
            m.loadSettingsFrom(settings);
        }
    }

    /**
     * @param value a choice setting's value
     * @param choices allowed values
     * @param label the dialog label for the message
     * @throws InvalidSettingsException if the value is not one of the choices
     */
    protected static void checkChoice(String value, List<String> choices, String label)
        throws InvalidSettingsException {
        if (!choices.contains(value)) {
            throw new InvalidSettingsException("Unknown value '" + value + "' for \"" + label + "\": use one of "
                + choices + ".");
        }
    }
}
