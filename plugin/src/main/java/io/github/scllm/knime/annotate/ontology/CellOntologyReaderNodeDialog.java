package io.github.scllm.knime.annotate.ontology;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** The dialog of Cell Ontology Reader: wraps the settings models, declares no keys. */
final class CellOntologyReaderNodeDialog extends DefaultNodeSettingsPane {

    CellOntologyReaderNodeDialog() {
        CellOntologyReaderNodeSettings s = new CellOntologyReaderNodeSettings();
        addDialogComponent(new DialogComponentFileChooser(s.fileModel(), "scllm.ontology.file",
            JFileChooser.OPEN_DIALOG, false, ".obo", ".obo.gz"));
        addDialogComponent(new DialogComponentString(s.rootModel(), "Only descendants of (term ID, empty: all)"));
        addDialogComponent(new DialogComponentBoolean(s.includeObsoleteModel(), "Include obsolete terms"));
    }
}
