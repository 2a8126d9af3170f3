package io.github.scllm.knime.io.readscrna;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The dialog of Read scRNA: wraps the settings models, declares no keys. */
final class ReadScrnaNodeDialog extends DefaultNodeSettingsPane {

    ReadScrnaNodeDialog() {
        ReadScrnaNodeSettings s = new ReadScrnaNodeSettings();
        createNewGroup("Input file");
        addDialogComponent(new DialogComponentFileChooser(s.fileModel(), "scllm.readscrna.file", JFileChooser.OPEN_DIALOG, false, ".h5ad",
            ".h5", ".mtx", ".mtx.gz", ".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt", ".txt.gz"));
        addDialogComponent(new DialogComponentStringSelection(s.formatModel(), "Format", ReadScrnaNodeSettings.FORMATS));
        addDialogComponent(new DialogComponentString(s.matrixModel(), "Matrix (X, raw or layer:NAME)"));
        addDialogComponent(new DialogComponentString(s.geneColumnModel(), "Gene symbol column (empty: var index)"));
        addDialogComponent(new DialogComponentString(s.obsColumnsModel(), "Obs columns (comma-separated, empty: all)"));
        closeCurrentGroup();

        createNewGroup("Cells");
        addDialogComponent(new DialogComponentStringSelection(s.selectionModel(), "Cells to read",
            ReadScrnaNodeSettings.SELECTIONS));
        addDialogComponent(new DialogComponentNumber(s.cellCountModel(), "Number of cells", 100));
        addDialogComponent(new DialogComponentNumber(s.seedModel(), "Random seed", 1));
        closeCurrentGroup();

        createNewTab("Advanced");
        addDialogComponent(new DialogComponentBoolean(s.geneExpressionOnlyModel(), "Gene Expression features only"));
        addDialogComponent(new DialogComponentStringSelection(s.orientationModel(), "Table orientation",
            ReadScrnaNodeSettings.ORIENTATIONS));
        addDialogComponent(new DialogComponentFileChooser(s.metadataFileModel(), "scllm.readscrna.metadata", JFileChooser.OPEN_DIALOG, false,
            ".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt", ".txt.gz"));
        addDialogComponent(new DialogComponentStringSelection(s.invalidValuesModel(),
            "Negative or non-finite values", ReadScrnaNodeSettings.INVALID_VALUE_POLICIES));
    }
}
