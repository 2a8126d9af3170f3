package org.knime.core.node.defaultnodesettings;

import java.util.concurrent.CopyOnWriteArrayList;

import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.config.Config;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A setting shared by a node model and its dialog. Besides its value a model saves a sub-config
 * {@code <configName>_Internals} with its type id ({@code SettingsModelID}) and its enabled state
 * ({@code EnabledStatus}); a disabled model skips validation of its value.
 */
public abstract class SettingsModel {

    /** Suffix of the sub-config holding a model's type id and enabled state. */
    public static final String CFGKEY_INTERNAL = "_Internals";

    private static final String CFGKEY_MODELID = "SettingsModelID";

    private static final String CFGKEY_ENABLESTAT = "EnabledStatus";

    private final CopyOnWriteArrayList<ChangeListener> m_listeners = new CopyOnWriteArrayList<>();

    private boolean m_enabled = true;

    /** Creates an enabled model. */
    public SettingsModel() {
    }

    /**
     * @param <T> the model class
     * @param settings settings holding a value for this model
     * @return a copy of this model holding the value from the settings
     * @throws InvalidSettingsException if the settings hold no valid value
     */
    public final <T extends SettingsModel> T createCloneWithValidatedValue(final NodeSettingsRO settings)
        throws InvalidSettingsException {
        T result = createClone();
        ((SettingsModel)result).m_enabled = m_enabled;
        ((SettingsModel)result).readEnableStatusAndCheckModelID(settings);
        ((SettingsModel)result).loadSettingsForModel(settings);
        return result;
    }

    /**
     * @param <T> the model class
     * @return a copy with the same value and configuration (without listeners)
     */
    protected abstract <T extends SettingsModel> T createClone();

    /**
     * @return the id saved with the value; compatible models share it
     */
    protected abstract String getModelTypeID();

    /**
     * @return the key the value is saved under
     */
    protected abstract String getConfigName();

    /**
     * @param settings the settings
     * @param specs the input specs
     * @throws NotConfigurableException if the dialog cannot open
     */
    protected abstract void loadSettingsForDialog(NodeSettingsRO settings, PortObjectSpec[] specs)
        throws NotConfigurableException;

    /**
     * @param settings the target
     * @throws InvalidSettingsException if the value is invalid
     */
    protected abstract void saveSettingsForDialog(NodeSettingsWO settings) throws InvalidSettingsException;

    /**
     * @param settings the settings to check
     * @throws InvalidSettingsException if they hold no valid value
     */
    protected abstract void validateSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    /**
     * @param settings the source
     * @throws InvalidSettingsException if they hold no valid value
     */
    protected abstract void loadSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    /**
     * @param settings the target
     */
    protected abstract void saveSettingsForModel(NodeSettingsWO settings);

    @Override
    public abstract String toString();

    final void dlgLoadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            readEnableStatusAndCheckModelID(settings);
        } catch (InvalidSettingsException ise) {
            // a dialog opens on any settings, also empty ones; keep the current state
        }
        loadSettingsForDialog(settings, specs);
    }

    final void dlgSaveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        if (this instanceof DialogComponent.EmptySettingsModel) {
            // components without a setting (labels) save nothing
            return;
        }
        saveEnableStatusAndModelID(settings);
        try {
            saveSettingsForDialog(settings);
        } catch (InvalidSettingsException ise) {
            // invalid values of a disabled model are not an error
            if (m_enabled) {
                throw ise;
            }
        }
    }

    /**
     * @param l notified on value or enabled-state changes; added once
     */
    public void addChangeListener(final ChangeListener l) {
        m_listeners.addIfAbsent(l);
    }

    /**
     * @param l notified first on changes; added once
     */
    protected void prependChangeListener(final ChangeListener l) {
        if (!m_listeners.contains(l)) {
            m_listeners.add(0, l);
        }
    }

    /**
     * @param l the listener to remove
     */
    public void removeChangeListener(final ChangeListener l) {
        m_listeners.remove(l);
    }

    /** Tells all listeners that the model changed. */
    protected void notifyChangeListeners() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : m_listeners) {
            l.stateChanged(e);
        }
    }

    /**
     * @param enabled whether the value is validated and used
     */
    public void setEnabled(final boolean enabled) {
        boolean changed = m_enabled != enabled;
        m_enabled = enabled;
        if (changed) {
            notifyChangeListeners();
        }
    }

    /**
     * @return whether the model is enabled
     */
    public boolean isEnabled() {
        return m_enabled;
    }

    /**
     * Checks the value in the settings without applying it; a model saved as disabled is not checked.
     *
     * @param settings the settings
     * @throws InvalidSettingsException if the value is missing or invalid
     */
    public final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        boolean old = m_enabled;
        readEnableStatusAndCheckModelID(settings);
        boolean savedEnabled = m_enabled;
        m_enabled = old;
        if (savedEnabled) {
            validateSettingsForModel(settings);
        }
    }

    /**
     * Loads the value and the enabled state.
     *
     * @param settings the settings
     * @throws InvalidSettingsException if the model is enabled and the value is missing or invalid
     */
    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        readEnableStatusAndCheckModelID(settings);
        try {
            loadSettingsForModel(settings);
        } catch (InvalidSettingsException ise) {
            if (m_enabled) {
                throw ise;
            }
        }
    }

    /**
     * Saves the value, the model id and the enabled state.
     *
     * @param settings the target
     */
    public final void saveSettingsTo(final NodeSettingsWO settings) {
        saveEnableStatusAndModelID(settings);
        saveSettingsForModel(settings);
    }

    private void readEnableStatusAndCheckModelID(final NodeSettingsRO settings) throws InvalidSettingsException {
        Config idCfg;
        try {
            idCfg = settings.getConfig(getConfigName() + CFGKEY_INTERNAL);
        } catch (InvalidSettingsException ise) {
            // settings written without the internals sub-config are accepted as they are
            return;
        }
        String savedId = idCfg.getString(CFGKEY_MODELID);
        m_enabled = idCfg.getBoolean(CFGKEY_ENABLESTAT);
        assert getModelTypeID().equals(savedId) : "Settings for \"" + getConfigName() + "\" were written by a "
            + savedId + " model but are read by a " + getModelTypeID() + " model.";
    }

    private void saveEnableStatusAndModelID(final NodeSettingsWO settings) {
        Config intCfg = settings.addConfig(getConfigName() + CFGKEY_INTERNAL);
        intCfg.addString(CFGKEY_MODELID, getModelTypeID());
        intCfg.addBoolean(CFGKEY_ENABLESTAT, m_enabled);
    }
}
