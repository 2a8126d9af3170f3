package io.github.scllm.knime.node;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * The lifecycle every node settings class shares: save, validate (each model, then the checks across models on a
 * fresh copy) and load. Subclasses declare the keys, the models and the checks, and may complete settings saved by an
 * earlier version or react to a load.
 */
public abstract class ModelSettings implements SettingsGroup {

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

    /**
     * Completes settings saved by an earlier version of the node, before they are validated or loaded.
     *
     * @param saved settings as saved, not null
     * @return settings with every key the models read, {@code saved} itself when nothing is missing
     */
    protected NodeSettingsRO completed(NodeSettingsRO saved) {
        // every key has been there since the node's first version by default
        return saved;
    }

    /** Called after every load, e.g. to enable or disable models that depend on a loaded value. */
    protected void loaded() {
        // nothing depends on the loaded values by default
    }

    @Override
    public final void saveSettingsTo(NodeSettingsWO settings) {
        for (SettingsModel m : models()) {
            m.saveSettingsTo(settings);
        }
    }

    /**
     * @param settings settings to check
     * @throws InvalidSettingsException if a model rejects them or the checks fail
     */
    @Override
    public final void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO complete = completed(settings);
        for (SettingsModel m : models()) {
            m.validateSettings(complete);
        }
        ModelSettings copy = fresh();
        copy.loadValidatedSettingsFrom(complete);
        copy.check();
    }

    /**
     * @param settings validated settings
     * @throws InvalidSettingsException if a model cannot read them
     */
    @Override
    public final void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO complete = completed(settings);
        for (SettingsModel m : models()) {
            m.loadSettingsFrom(complete);
        }
        loaded();
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
