package org.knime.core.node;

import java.awt.Component;

import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A Swing dialog for a node's settings, made of named tabs.
 */
public abstract class NodeDialogPane {

    private final JTabbedPane m_tabs = new JTabbedPane();

    private final JPanel m_panel = new JPanel(new java.awt.BorderLayout());

    /** Creates an empty dialog. */
    protected NodeDialogPane() {
        m_panel.add(m_tabs, java.awt.BorderLayout.CENTER);
    }

    /**
     * @param settings the current settings
     * @param specs the input specs (null for unconnected inputs)
     * @throws NotConfigurableException if the dialog cannot open for these inputs
     */
    protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] tableSpecs = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] instanceof DataTableSpec ts) {
                tableSpecs[i] = ts;
            } else if (specs[i] != null) {
                throw new IllegalStateException(getClass().getName() + " has non-table ports and must override "
                    + "loadSettingsFrom(NodeSettingsRO, PortObjectSpec[]).");
            }
        }
        loadSettingsFrom(settings, tableSpecs);
    }

    /**
     * @param settings the current settings
     * @param specs the input table specs
     * @throws NotConfigurableException if the dialog cannot open for these inputs
     */
    protected void loadSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
        throw new IllegalStateException(getClass().getName() + " must override a loadSettingsFrom method.");
    }

    /**
     * @param settings the target
     * @throws InvalidSettingsException if the entered values are invalid
     */
    protected abstract void saveSettingsTo(NodeSettingsWO settings) throws InvalidSettingsException;

    /**
     * @param title the tab title
     * @param comp the tab content
     */
    protected final void addTab(final String title, final Component comp) {
        addTab(title, comp, true);
    }

    /**
     * @param title the tab title
     * @param comp the tab content
     * @param wrapInScrollPane whether to wrap the content in a scroll pane
     */
    protected final void addTab(final String title, final Component comp, final boolean wrapInScrollPane) {
        m_tabs.addTab(title, wrapInScrollPane ? new JScrollPane(comp) : comp);
    }

    /**
     * @param index where to insert the tab; larger indices append
     * @param title the tab title
     * @param comp the tab content
     * @return the index the tab was inserted at
     */
    protected final int addTabAt(final int index, final String title, final Component comp) {
        int at = Math.max(0, Math.min(index, m_tabs.getTabCount()));
        m_tabs.insertTab(title, null, new JScrollPane(comp), null, at);
        return at;
    }

    /**
     * @param oldName the current tab title
     * @param newName the new tab title
     */
    protected final void renameTab(final String oldName, final String newName) {
        int i = m_tabs.indexOfTab(oldName);
        if (i >= 0) {
            m_tabs.setTitleAt(i, newName);
        }
    }

    /**
     * @param name the tab title
     */
    protected final void removeTab(final String name) {
        int i = m_tabs.indexOfTab(name);
        if (i >= 0) {
            m_tabs.removeTabAt(i);
        }
    }

    /**
     * @param name the tab title
     * @return the tab's component, or null
     */
    protected final Component getTab(final String name) {
        int i = m_tabs.indexOfTab(name);
        return i < 0 ? null : m_tabs.getComponentAt(i);
    }

    /**
     * @param name the tab title to select
     * @return whether there is such a tab
     */
    protected final boolean setSelected(final String name) {
        int i = m_tabs.indexOfTab(name);
        if (i >= 0) {
            m_tabs.setSelectedIndex(i);
        }
        return i >= 0;
    }

    /**
     * @return the dialog's content panel
     */
    public final JPanel getPanel() {
        return m_panel;
    }

    /** Called when the dialog opens. */
    public void onOpen() {
    }

    /** Called when the dialog closes. */
    public void onClose() {
    }
}
