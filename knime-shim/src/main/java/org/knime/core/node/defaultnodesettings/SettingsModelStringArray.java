package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A string array setting saved as a string array entry under its config name.
 */
public class SettingsModelStringArray extends SettingsModel {

    private final String m_configName;

    private String[] m_value;

    /**
     * @param configName the key, not null or empty
     * @param defaultValue the initial value, may be null; copied
     * @throws IllegalArgumentException if the key is null or empty
     */
    public SettingsModelStringArray(final String configName, final String[] defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
        m_value = defaultValue == null ? null : defaultValue.clone();
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelStringArray createClone() {
        return new SettingsModelStringArray(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_stringarray";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /**
     * @return a copy of the value, may be null
     */
    public String[] getStringArrayValue() {
        return m_value == null ? null : m_value.clone();
    }

    /**
     * @param newValue the value, may be null; copied
     */
    public void setStringArrayValue(final String[] newValue) {
        boolean changed = !Arrays.equals(m_value, newValue);
        m_value = newValue == null ? null : newValue.clone();
        if (changed) {
            notifyChangeListeners();
        }
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        setStringArrayValue(settings.getStringArray(m_configName, m_value));
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        settings.getStringArray(m_configName);
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        setStringArrayValue(settings.getStringArray(m_configName));
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addStringArray(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
