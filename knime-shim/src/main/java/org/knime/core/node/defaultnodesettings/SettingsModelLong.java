package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A long integer setting saved as one long entry under its config name.
 */
public class SettingsModelLong extends SettingsModelNumber {

    private final String m_configName;

    private long m_value;

    /**
     * @param configName the key, not null or empty
     * @param defaultValue the initial value
     * @throws IllegalArgumentException if the key is null or empty
     */
    public SettingsModelLong(final String configName, final long defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
        m_value = defaultValue;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelLong createClone() {
        return new SettingsModelLong(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMN_long";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /**
     * @return the value
     */
    public long getLongValue() {
        return m_value;
    }

    /**
     * @param newValue the value
     * @throws IllegalArgumentException if a subclass rejects the value
     */
    public void setLongValue(final long newValue) {
        boolean changed = Long.compare(m_value, newValue) != 0;
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
    protected void validateValue(final long value) throws InvalidSettingsException {
        // every value is allowed
    }

    @Override
    void setNumberValueStr(final String value) {
        setLongValue(Long.parseLong(value.trim()));
    }

    @Override
    String getNumberValueStr() {
        return Long.toString(m_value);
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setLongValue(settings.getLong(m_configName, m_value));
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
        validateValue(settings.getLong(m_configName));
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        long v = settings.getLong(m_configName);
        validateValue(v);
        try {
            setLongValue(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addLong(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
