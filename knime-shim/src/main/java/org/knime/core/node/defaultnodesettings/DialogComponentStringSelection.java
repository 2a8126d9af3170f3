package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A combo box choosing one of fixed strings for a {@link SettingsModelString}.
 */
public final class DialogComponentStringSelection extends DialogComponent {

    private final JLabel m_label;

    private final JComboBox<String> m_combo = new JComboBox<>();

    /**
     * @param stringModel the model
     * @param label the label
     * @param list the choices, not empty
     * @throws IllegalArgumentException if there are no choices
     */
    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final String... list) {
        this(stringModel, label, Arrays.asList(list));
    }

    /**
     * @param stringModel the model
     * @param label the label
     * @param list the choices, not empty
     * @throws IllegalArgumentException if there are no choices
     */
    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final Collection<String> list) {
        super(stringModel);
        m_label = new JLabel(label);
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_combo);
        replaceListItems(list, null);
    }

    /**
     * @param newItems the new choices, not empty
     * @param select the choice to select, or null to keep the model's value
     * @throws IllegalArgumentException if there are no choices
     */
    public void replaceListItems(final Collection<String> newItems, final String select) {
        if (newItems == null || newItems.isEmpty()) {
            throw new IllegalArgumentException("The list of choices for \"" + m_label.getText() + "\" is empty.");
        }
        m_combo.setModel(new DefaultComboBoxModel<>(List.copyOf(newItems).toArray(String[]::new)));
        if (select != null) {
            ((SettingsModelString)getModel()).setStringValue(select);
        }
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (v != null) {
            m_combo.setSelectedItem(v);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        Object sel = m_combo.getSelectedItem();
        if (sel == null) {
            throw new InvalidSettingsException("Please select a value for \"" + m_label.getText().trim() + "\".");
        }
        ((SettingsModelString)getModel()).setStringValue(sel.toString());
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_combo.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_combo.setToolTipText(text);
        m_label.setToolTipText(text);
    }
}
