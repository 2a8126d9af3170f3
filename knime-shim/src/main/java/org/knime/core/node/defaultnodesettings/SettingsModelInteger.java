package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * An integer setting saved as one int entry under its config name.
 */
public class SettingsModelInteger extends SettingsModelNumber {

    private final String m_configName;

    private int m_value;

    /**
     * @param configName the key, not null or empty
     * @param defaultValue the initial value
     * @throws IllegalArgumentException if the key is null or empty
     */
    public SettingsModelInteger(final String configName, final int defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
        m_value = defaultValue;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelInteger createClone() {
        return new SettingsModelInteger(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_integer";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /**
     * @return the value
     */
    public int getIntValue() {
        return m_value;
    }

    /**
     * @param newValue the value
     * @throws IllegalArgumentException if a subclass rejects the value
     */
    public void setIntValue(final int newValue) {
        boolean changed = Integer.compare(m_value, newValue) != 0;
        m_value = newValue;
        if (changed) {
            notifyChangeListeners();
        }
    }

    /**
     * Checks a value read from settings; accepts every value unless a subclass restricts them.
     *
     * @param value the value
     * @throws InvalidSettingsException if the value is not allowed
     */
    protected void validateValue(final int value) throws InvalidSettingsException {
        // every value is allowed
    }

    @Override
    void setNumberValueStr(final String value) {
        setIntValue(Integer.parseInt(value.trim()));
    }

    @Override
    String getNumberValueStr() {
        return Integer.toString(m_value);
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setIntValue(settings.getInt(m_configName, m_value));
        } catch (IllegalArgumentException e) {
            // keep the current value when the stored one is out of range
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateValue(settings.getInt(m_configName));
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        int v = settings.getInt(m_configName);
        validateValue(v);
        try {
            setIntValue(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addInt(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
