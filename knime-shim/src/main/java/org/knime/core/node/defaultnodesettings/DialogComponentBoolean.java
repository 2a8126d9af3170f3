package org.knime.core.node.defaultnodesettings;

import javax.swing.JCheckBox;

import org.knime.core.node.port.PortObjectSpec;

/**
 * A check box editing a {@link SettingsModelBoolean}.
 */
public final class DialogComponentBoolean extends DialogComponent {

    private final JCheckBox m_box;

    /**
     * @param booleanModel the model
     * @param label the label
     */
    public DialogComponentBoolean(final SettingsModelBoolean booleanModel, final String label) {
        super(booleanModel);
        m_box = new JCheckBox(label);
        m_box.addItemListener(e -> booleanModel.setBooleanValue(m_box.isSelected()));
        getComponentPanel().add(m_box);
        updateComponent();
    }

    /**
     * @return whether the box is checked
     */
    public boolean isSelected() {
        return m_box.isSelected();
    }

    @Override
    protected void updateComponent() {
        boolean v = ((SettingsModelBoolean)getModel()).getBooleanValue();
        if (m_box.isSelected() != v) {
            m_box.setSelected(v);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() {
        ((SettingsModelBoolean)getModel()).setBooleanValue(m_box.isSelected());
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_box.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_box.setToolTipText(text);
    }
}
