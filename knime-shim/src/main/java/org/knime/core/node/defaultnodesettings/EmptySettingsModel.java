package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObjectSpec;

/** The model of dialog components that hold no setting, e.g. labels; it reads and writes nothing. */
final class EmptySettingsModel extends SettingsModel {

    @SuppressWarnings("unchecked")
    @Override
    protected EmptySettingsModel createClone() {
        return new EmptySettingsModel();
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_empty";
    }

    @Override
    protected String getConfigName() {
        return "EMPTY_SETTINGS_MODEL";
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs) {
        // nothing to load
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) {
        // nothing to save
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) {
        // nothing to validate
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) {
        // nothing to load
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        // nothing to save
    }

    @Override
    public String toString() {
        return "EmptySettingsModel";
    }
}
