package org.knime.core.node.defaultnodesettings;

import java.awt.FlowLayout;

import javax.swing.JPanel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A Swing editor for one {@link SettingsModel}; it loads and saves through the model and shows the model's value.
 */
public abstract class DialogComponent {

    private final SettingsModel m_model;

    private final JPanel m_panel = new JPanel(new FlowLayout(FlowLayout.LEFT));

    private PortObjectSpec[] m_lastSpecs;

    /**
     * @param model the edited model, not null
     * @throws NullPointerException if the model is null
     */
    public DialogComponent(final SettingsModel model) {
        if (model == null) {
            throw new NullPointerException("Settings model must not be null.");
        }
        m_model = model;
        m_model.prependChangeListener(e -> {
            updateComponent();
        });
    }

    /**
     * @return the panel holding the component's widgets
     */
    public final JPanel getComponentPanel() {
        return m_panel;
    }

    /**
     * @return the edited model
     */
    public final SettingsModel getModel() {
        return m_model;
    }

    /**
     * @param settings the settings to show
     * @param specs the input specs
     * @throws NotConfigurableException if the component cannot work with these inputs
     */
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        checkConfigurabilityBeforeLoad(specs);
        m_lastSpecs = specs == null ? null : specs.clone();
        m_model.dlgLoadSettingsFrom(settings, specs);
        updateComponent();
    }

    /**
     * @param settings the target
     * @throws InvalidSettingsException if the entered value is invalid
     */
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        validateSettingsBeforeSave();
        m_model.dlgSaveSettingsTo(settings);
    }

    /**
     * @param index an input port index
     * @return the last spec seen at that port, or null
     */
    protected final PortObjectSpec getLastTableSpec(final int index) {
        return m_lastSpecs == null || index < 0 || index >= m_lastSpecs.length ? null : m_lastSpecs[index];
    }

    /**
     * @return the last specs seen, or null
     */
    protected final PortObjectSpec[] getLastTableSpecs() {
        return m_lastSpecs;
    }

    /** Shows the model's current value. */
    protected abstract void updateComponent();

    /**
     * Transfers the entered value into the model.
     *
     * @throws InvalidSettingsException if the entered value is invalid
     */
    protected abstract void validateSettingsBeforeSave() throws InvalidSettingsException;

    /**
     * @param specs the input specs
     * @throws NotConfigurableException if the component cannot work with these inputs
     */
    protected abstract void checkConfigurabilityBeforeLoad(PortObjectSpec[] specs) throws NotConfigurableException;

    /**
     * @param enabled whether the widgets are enabled
     */
    protected abstract void setEnabledComponents(boolean enabled);

    /**
     * @param text the tool tip of the widgets
     */
    public abstract void setToolTipText(String text);

    /** The model of dialog components that hold no setting, e.g. labels; it reads and writes nothing. */
    public static final class EmptySettingsModel extends SettingsModel {

            /** Creates the model of a component without a setting. */
            public EmptySettingsModel() {
                // holds nothing
            }

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
}
