package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JPanel;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A dialog made of {@link DialogComponent}s, arranged in tabs and titled groups; it loads and saves all of them.
 */
public class DefaultNodeSettingsPane extends NodeDialogPane {

    private static final String DEFAULT_TAB_TITLE = "Options";

    private final List<DialogComponent> m_components = new ArrayList<>();

    private String m_defaultTabTitle = DEFAULT_TAB_TITLE;

    private JPanel m_compositePanel;

    private JPanel m_currentPanel;

    private Box m_currentBox;

    private boolean m_horizontal;

    /** Creates a dialog with one empty tab. */
    public DefaultNodeSettingsPane() {
        createNewPanels();
        addTab(m_defaultTabTitle, m_compositePanel);
    }

    private void createNewPanels() {
        m_compositePanel = new JPanel();
        m_compositePanel.setLayout(new BoxLayout(m_compositePanel, BoxLayout.Y_AXIS));
        m_currentPanel = m_compositePanel;
        m_currentBox = createBox(m_horizontal);
        m_currentPanel.add(m_currentBox);
    }

    private static Box createBox(final boolean horizontal) {
        return new Box(horizontal ? BoxLayout.X_AXIS : BoxLayout.Y_AXIS);
    }

    private static void checkTitle(final String tabTitle) {
        if (tabTitle == null || tabTitle.isEmpty()) {
            throw new IllegalArgumentException("The title of a tab can't be null or empty.");
        }
    }

    /**
     * @param tabTitle the new title of the first tab, not empty
     * @throws IllegalArgumentException if the title is empty or used by another tab
     */
    public void setDefaultTabTitle(final String tabTitle) {
        checkTitle(tabTitle);
        if (tabTitle.equals(m_defaultTabTitle)) {
            return;
        }
        if (getTab(tabTitle) != null) {
            throw new IllegalArgumentException("A tab named \"" + tabTitle + "\" already exists.");
        }
        renameTab(m_defaultTabTitle, tabTitle);
        m_defaultTabTitle = tabTitle;
    }

    /**
     * @param tabTitle the title of the new tab that receives the following components
     * @param index where to place it
     * @throws IllegalArgumentException if the title is empty or used by another tab
     */
    public void createNewTabAt(final String tabTitle, final int index) {
        checkTitle(tabTitle);
        if (getTab(tabTitle) != null) {
            throw new IllegalArgumentException("A tab named \"" + tabTitle + "\" already exists.");
        }
        createNewPanels();
        addTabAt(index, tabTitle, m_compositePanel);
    }

    /**
     * @param tabTitle the title of the new last tab that receives the following components
     * @throws IllegalArgumentException if the title is empty or used by another tab
     */
    public void createNewTab(final String tabTitle) {
        createNewTabAt(tabTitle, Integer.MAX_VALUE);
    }

    /**
     * @param tabTitle the tab to bring to front
     */
    public void selectTab(final String tabTitle) {
        setSelected(tabTitle);
    }

    /**
     * @param title the title of the new group that receives the following components
     */
    public void createNewGroup(final String title) {
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.setBorder(BorderFactory.createTitledBorder(title));
        m_compositePanel.add(panel);
        m_currentPanel = panel;
        m_currentBox = createBox(m_horizontal);
        m_currentPanel.add(m_currentBox);
    }

    /** Ends the current group; following components go outside any group. */
    public void closeCurrentGroup() {
        m_currentPanel = m_compositePanel;
        m_currentBox = createBox(m_horizontal);
        m_currentPanel.add(m_currentBox);
    }

    /**
     * @param diaC the component to show, load and save
     */
    public void addDialogComponent(final DialogComponent diaC) {
        m_components.add(diaC);
        m_currentBox.add(diaC.getComponentPanel());
    }

    /**
     * @param horizontal whether following components are placed side by side
     */
    public void setHorizontalPlacement(final boolean horizontal) {
        if (m_horizontal != horizontal) {
            m_horizontal = horizontal;
            m_currentBox = createBox(horizontal);
            m_currentPanel.add(m_currentBox);
        }
    }

    @Override
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        for (DialogComponent c : m_components) {
            c.loadSettingsFrom(settings, specs);
        }
        loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (DialogComponent c : m_components) {
            c.saveSettingsTo(settings);
        }
        saveAdditionalSettingsTo(settings);
    }

    /**
     * @param settings the settings
     * @param specs the input specs
     * @throws NotConfigurableException if the dialog cannot open
     */
    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] tables = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] instanceof DataTableSpec t) {
                tables[i] = t;
            } else if (specs[i] == null) {
                tables[i] = new DataTableSpec();
            } else {
                return;
            }
        }
        loadAdditionalSettingsFrom(settings, tables);
    }

    /**
     * @param settings the settings
     * @param specs the input table specs, none null
     * @throws NotConfigurableException if the dialog cannot open
     */
    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
        // no additional settings by default
    }

    /**
     * @param settings the target
     * @throws InvalidSettingsException if entered values are invalid
     */
    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        // no additional settings by default
    }
}
