package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.ListSelectionModel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A list choosing several of fixed strings for a {@link SettingsModelStringArray}.
 */
public final class DialogComponentStringListSelection extends DialogComponent {

    private final JLabel m_label;

    private final JList<String> m_list = new JList<>();

    private final boolean m_required;

    /**
     * @param stringModel the model
     * @param label the label
     * @param list the choices
     */
    public DialogComponentStringListSelection(final SettingsModelStringArray stringModel, final String label,
        final String... list) {
        this(stringModel, label, Arrays.asList(list), false, 5);
    }

    /**
     * @param stringModel the model
     * @param label the label
     * @param list the choices
     * @param required whether at least one choice must be selected
     * @param visibleRowCount visible rows
     */
    public DialogComponentStringListSelection(final SettingsModelStringArray stringModel, final String label,
        final Collection<String> list, final boolean required, final int visibleRowCount) {
        this(stringModel, label, list, ListSelectionModel.MULTIPLE_INTERVAL_SELECTION, required, visibleRowCount);
    }

    /**
     * @param stringModel the model
     * @param label the label
     * @param list the choices
     * @param selectionMode a {@link ListSelectionModel} mode
     * @param required whether at least one choice must be selected
     * @param visibleRowCount visible rows
     */
    public DialogComponentStringListSelection(final SettingsModelStringArray stringModel, final String label,
        final Collection<String> list, final int selectionMode, final boolean required, final int visibleRowCount) {
        super(stringModel);
        m_label = new JLabel(label);
        m_required = required;
        m_list.setSelectionMode(selectionMode);
        m_list.setVisibleRowCount(visibleRowCount);
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_list);
        m_list.setListData(list.toArray(String[]::new));
        updateComponent();
    }

    /**
     * Replaces the choices. The given items (or, when none are given, the model's current value) are selected where
     * they are among the new choices; when none of them is, the first choice is selected. The model takes the
     * selection, so it never holds a value that is not a choice.
     *
     * @param items the new choices, not empty
     * @param selected choices to select, or null to keep the model's value where possible
     * @throws NullPointerException if there are no choices
     */
    public void replaceListItems(final Collection<String> items, final String... selected) {
        if (items == null || items.isEmpty()) {
            throw new NullPointerException("The new list of choices must not be null or empty.");
        }
        List<String> choices = new ArrayList<>(items);
        String[] wanted = selected == null || selected.length == 0
            ? ((SettingsModelStringArray)getModel()).getStringArrayValue() : selected;
        List<Integer> indices = new ArrayList<>();
        for (String w : wanted == null ? new String[0] : wanted) {
            int i = choices.indexOf(w);
            if (i >= 0 && !indices.contains(i)) {
                indices.add(i);
            }
        }
        if (indices.isEmpty()) {
            indices.add(0);
        }
        m_list.setListData(choices.toArray(String[]::new));
        m_list.setSelectedIndices(indices.stream().mapToInt(Integer::intValue).toArray());
        ((SettingsModelStringArray)getModel()).setStringArrayValue(
            m_list.getSelectedValuesList().toArray(String[]::new));
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String[] v = ((SettingsModelStringArray)getModel()).getStringArrayValue();
        List<String> wanted = v == null ? List.of() : Arrays.asList(v);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < m_list.getModel().getSize(); i++) {
            if (wanted.contains(m_list.getModel().getElementAt(i))) {
                idx.add(i);
            }
        }
        m_list.setSelectedIndices(idx.stream().mapToInt(Integer::intValue).toArray());
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        List<String> sel = m_list.getSelectedValuesList();
        if (m_required && sel.isEmpty()) {
            throw new InvalidSettingsException("Please select at least one value for \""
                + m_label.getText().trim() + "\".");
        }
        ((SettingsModelStringArray)getModel()).setStringArrayValue(sel.toArray(String[]::new));
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_list.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_list.setToolTipText(text);
        m_label.setToolTipText(text);
    }
}
