package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A combo box choosing a column of an input table, limited to columns compatible with given value classes.
 */
public class DialogComponentColumnNameSelection extends DialogComponent {

    private final JLabel m_label;

    private final JComboBox<String> m_combo = new JComboBox<>();

    private final int m_specIndex;

    private final boolean m_isRequired;

    private final Class<? extends DataValue>[] m_classFilter;

    /**
     * @param model the model
     * @param label the label
     * @param specIndex the input port whose columns are offered
     * @param classFilter accepted value classes; none means all
     */
    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, true, classFilter);
    }

    /**
     * @param model the model
     * @param label the label
     * @param specIndex the input port whose columns are offered
     * @param isRequired whether a compatible column must exist for the dialog to open
     * @param classFilter accepted value classes; none means all
     */
    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final boolean isRequired, final Class<? extends DataValue>... classFilter) {
        super(model);
        m_label = new JLabel(label);
        m_specIndex = specIndex;
        m_isRequired = isRequired;
        m_classFilter = classFilter.clone();
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_combo);
    }

    private List<String> compatibleColumns(final DataTableSpec spec) {
        List<String> names = new ArrayList<>();
        for (DataColumnSpec c : spec) {
            boolean ok = m_classFilter.length == 0;
            for (Class<? extends DataValue> v : m_classFilter) {
                ok |= c.getType().isCompatible(v);
            }
            if (ok) {
                names.add(c.getName());
            }
        }
        return names;
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        if (specs == null || m_specIndex >= specs.length || !(specs[m_specIndex] instanceof DataTableSpec spec)) {
            if (m_isRequired) {
                throw new NotConfigurableException("No input table at port " + m_specIndex
                    + ". Please connect and configure the predecessor node.");
            }
            return;
        }
        if (m_isRequired && compatibleColumns(spec).isEmpty()) {
            throw new NotConfigurableException("No column in the input table at port " + m_specIndex
                + " is compatible with the expected type for \"" + m_label.getText().trim() + "\".");
        }
    }

    @Override
    protected void updateComponent() {
        PortObjectSpec s = getLastTableSpec(m_specIndex);
        List<String> names = s instanceof DataTableSpec spec ? compatibleColumns(spec) : List.of();
        m_combo.setModel(new DefaultComboBoxModel<>(names.toArray(String[]::new)));
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (v != null && names.contains(v)) {
            m_combo.setSelectedItem(v);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    /**
     * @return the selected column name, or null
     */
    public final String getSelected() {
        Object o = m_combo.getSelectedItem();
        return o == null ? null : o.toString();
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String sel = getSelected();
        if (sel == null && m_isRequired) {
            throw new InvalidSettingsException("Please select a column for \"" + m_label.getText().trim() + "\".");
        }
        if (getModel() instanceof SettingsModelColumnName cn) {
            cn.setSelection(sel, false);
        } else {
            ((SettingsModelString)getModel()).setStringValue(sel);
        }
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
