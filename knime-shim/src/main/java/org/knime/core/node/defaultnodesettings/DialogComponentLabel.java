package org.knime.core.node.defaultnodesettings;

import javax.swing.JLabel;

import org.knime.core.node.port.PortObjectSpec;

/**
 * A text label in a dialog; it holds no setting.
 */
public final class DialogComponentLabel extends DialogComponent {

    private final JLabel m_label;

    /**
     * @param label the text
     */
    public DialogComponentLabel(final String label) {
        super(new EmptySettingsModel());
        m_label = new JLabel(label);
        getComponentPanel().add(m_label);
    }

    /**
     * @param text the new text
     */
    public void setText(final String text) {
        m_label.setText(text);
    }

    @Override
    protected void updateComponent() {
        // nothing to show
    }

    @Override
    protected void validateSettingsBeforeSave() {
        // nothing entered
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_label.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_label.setToolTipText(text);
    }
}
