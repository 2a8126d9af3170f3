package org.knime.core.node.defaultnodesettings;

import javax.swing.JFileChooser;
import javax.swing.JTextField;

import org.knime.core.node.port.PortObjectSpec;

/**
 * A path field editing a {@link SettingsModelString} holding a file or folder location.
 */
public class DialogComponentFileChooser extends DialogComponent {

    private final JTextField m_field = new JTextField(30);

    private final String m_historyID;

    private final int m_dialogType;

    private final boolean m_directoryOnly;

    private final String[] m_extensions;

    /**
     * @param stringModel the model
     * @param historyID the id of the file history
     * @param validExtensions accepted extensions, e.g. ".h5ad"
     */
    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final String... validExtensions) {
        this(stringModel, historyID, JFileChooser.OPEN_DIALOG, false, validExtensions);
    }

    /**
     * @param stringModel the model
     * @param historyID the id of the file history
     * @param dialogType {@link JFileChooser#OPEN_DIALOG} or {@link JFileChooser#SAVE_DIALOG}
     * @param validExtensions accepted extensions
     */
    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final String... validExtensions) {
        this(stringModel, historyID, dialogType, false, validExtensions);
    }

    /**
     * @param stringModel the model
     * @param historyID the id of the file history
     * @param dialogType {@link JFileChooser#OPEN_DIALOG} or {@link JFileChooser#SAVE_DIALOG}
     * @param directoryOnly whether folders are chosen instead of files
     * @param validExtensions accepted extensions
     */
    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final boolean directoryOnly, final String... validExtensions) {
        super(stringModel);
        m_historyID = historyID;
        m_dialogType = dialogType;
        m_directoryOnly = directoryOnly;
        m_extensions = validExtensions == null ? new String[0] : validExtensions.clone();
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
    protected void validateSettingsBeforeSave() {
        ((SettingsModelString)getModel()).setStringValue(m_field.getText().trim());
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
    }
}
