package org.knime.core.node.defaultnodesettings;

import javax.swing.JLabel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A text field editing a {@link SettingsModelString}.
 */
public final class DialogComponentString extends DialogComponent {

    private final JLabel m_label;

    private final JTextField m_field;

    private final boolean m_disallowEmpty;

    /**
     * @param stringModel the model
     * @param label the label
     */
    public DialogComponentString(final SettingsModelString stringModel, final String label) {
        this(stringModel, label, false, 15);
    }

    /**
     * @param stringModel the model
     * @param label the label
     * @param disallowEmptyString whether an empty value is rejected on save
     * @param compWidth the field width in columns
     */
    public DialogComponentString(final SettingsModelString stringModel, final String label,
        final boolean disallowEmptyString, final int compWidth) {
        super(stringModel);
        m_label = new JLabel(label);
        m_field = new JTextField(compWidth);
        m_disallowEmpty = disallowEmptyString;
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_field);
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (!m_field.getText().equals(v == null ? "" : v)) {
            m_field.setText(v == null ? "" : v);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String text = m_field.getText();
        if (m_disallowEmpty && (text == null || text.isEmpty())) {
            throw new InvalidSettingsException("Please enter a value for \"" + m_label.getText().trim() + "\".");
        }
        ((SettingsModelString)getModel()).setStringValue(text);
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
