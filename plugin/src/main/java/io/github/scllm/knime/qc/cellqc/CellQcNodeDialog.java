package io.github.scllm.knime.qc.cellqc;

import org.knime.core.data.DataValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

import io.github.scllm.knime.data.ExpressionValue;

/** The dialog of Cell QC: wraps the settings models, declares no keys. */
final class CellQcNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    CellQcNodeDialog() {
        CellQcNodeSettings s = new CellQcNodeSettings();
        createNewGroup("Input");
        addDialogComponent(new DialogComponentColumnNameSelection(s.expressionColumnModel(), "Expression column", 0,
            ExpressionValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.batchColumnModel(), "Batch column (optional)", 0,
            false, DataValue.class));
        addDialogComponent(new DialogComponentString(s.mitochondrialGenesModel(),
            "Mitochondrial genes (empty: MT- prefix)"));
        closeCurrentGroup();
        createNewGroup("Outlier flags");
        addDialogComponent(new DialogComponentNumber(s.nmadsModel(), "MADs from the median (0: off)", 0.5));
        addDialogComponent(new DialogComponentNumber(s.minCountsModel(), "Minimum total counts", 100));
        addDialogComponent(new DialogComponentNumber(s.minGenesModel(), "Minimum detected genes", 50));
        addDialogComponent(new DialogComponentNumber(s.maxPctMtModel(), "Maximum mitochondrial %", 1));
        closeCurrentGroup();
        createNewGroup("Gene filter");
        addDialogComponent(new DialogComponentNumber(s.minCellsPerGeneModel(), "Minimum cells per gene", 1));
        closeCurrentGroup();
    }
}
