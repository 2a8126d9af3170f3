package org.knime.core.node.defaultnodesettings;

import javax.swing.JLabel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A field editing an integer, long or double settings model.
 */
public class DialogComponentNumber extends DialogComponent {

    private final JLabel m_label;

    private final JTextField m_field;

    /**
     * @param numberModel the model
     * @param label the label
     * @param stepSize the spinner step
     */
    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize) {
        this(numberModel, label, stepSize, 10);
    }

    /**
     * @param numberModel the model
     * @param label the label
     * @param stepSize the spinner step
     * @param compWidth the field width in columns
     */
    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize,
        final int compWidth) {
        super(numberModel);
        m_label = new JLabel(label);
        m_field = new JTextField(compWidth);
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_field);
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String v = ((SettingsModelNumber)getModel()).getNumberValueStr();
        if (!m_field.getText().equals(v)) {
            m_field.setText(v);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        try {
            ((SettingsModelNumber)getModel()).setNumberValueStr(m_field.getText());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Invalid value \"" + m_field.getText() + "\" for \""
                + m_label.getText().trim() + "\": " + e.getMessage(), e);
        }
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_field.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_field.setToolTipText(text);
        m_label.setToolTipText(text);
    }
}
