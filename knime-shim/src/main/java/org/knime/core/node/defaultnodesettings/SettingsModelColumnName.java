package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A column selection that may also be the row ID. Saved as a sub-config under the config name holding
 * {@code useRowID} (boolean) and {@code columnName} (string).
 */
public class SettingsModelColumnName extends SettingsModelString {

    private static final String CFG_COLUMN_NAME = "columnName";

    private static final String CFG_ROWID = "useRowID";

    private final String m_configName;

    private boolean m_useRowID;

    /**
     * @param configName the key, not null or empty
     * @param defaultValue the initially selected column, may be null
     * @throws IllegalArgumentException if the key is null or empty
     */
    public SettingsModelColumnName(final String configName, final String defaultValue) {
        super(CFG_COLUMN_NAME, defaultValue);
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelColumnName createClone() {
        SettingsModelColumnName c = new SettingsModelColumnName(m_configName, getStringValue());
        c.m_useRowID = m_useRowID;
        return c;
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /**
     * @param columnName the selected column, may be null
     * @param useRowID whether the row ID is selected instead of a column
     */
    public void setSelection(final String columnName, final boolean useRowID) {
        boolean rowIdChanged = m_useRowID != useRowID;
        m_useRowID = useRowID;
        String old = getStringValue();
        setStringValue(columnName);
        boolean nameChanged = old == null ? columnName != null : !old.equals(columnName);
        if (rowIdChanged && !nameChanged) {
            notifyChangeListeners();
        }
    }

    /**
     * @return whether the row ID is selected instead of a column
     */
    public boolean useRowID() {
        return m_useRowID;
    }

    /**
     * @return the selected column, or null
     */
    public String getColumnName() {
        return getStringValue();
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO sub = settings.getNodeSettings(m_configName);
        sub.getBoolean(CFG_ROWID);
        super.validateSettingsForModel(sub);
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        NodeSettingsWO sub = settings.addNodeSettings(m_configName);
        sub.addBoolean(CFG_ROWID, m_useRowID);
        super.saveSettingsForModel(sub);
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            NodeSettingsRO sub = settings.getNodeSettings(m_configName);
            setSelection(sub.getString(CFG_COLUMN_NAME, getStringValue()), sub.getBoolean(CFG_ROWID, m_useRowID));
        } catch (InvalidSettingsException e) {
            // keep the current selection
        }
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO sub = settings.getNodeSettings(m_configName);
        boolean useRowId = sub.getBoolean(CFG_ROWID);
        String name = sub.getString(CFG_COLUMN_NAME);
        setSelection(name, useRowId);
    }
}
