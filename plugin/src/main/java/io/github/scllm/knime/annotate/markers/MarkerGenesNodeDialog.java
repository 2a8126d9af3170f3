package io.github.scllm.knime.annotate.markers;

import org.knime.core.data.DataValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

import io.github.scllm.knime.data.ExpressionValue;

/** The dialog of Marker Genes: wraps the settings models, declares no keys. */
final class MarkerGenesNodeDialog extends DefaultNodeSettingsPane {

    MarkerGenesNodeDialog() {
        MarkerGenesNodeSettings s = new MarkerGenesNodeSettings();
        createNewGroup("Input");
        addDialogComponent(new DialogComponentColumnNameSelection(s.expressionColumnModel(), "Expression column", 0,
            ExpressionValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.groupColumnModel(), "Group column", 0,
            DataValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.valuesModel(), "Input values",
            MarkerGenesNodeSettings.VALUES));
        closeCurrentGroup();
        createNewGroup("Test");
        addDialogComponent(new DialogComponentStringSelection(s.testModel(), "Test", MarkerGenesNodeSettings.TESTS));
        addDialogComponent(new DialogComponentNumber(s.genesPerGroupModel(), "Genes per group (0: all)", 10));
        addDialogComponent(new DialogComponentNumber(s.minGroupCellsModel(), "Minimum cells per group", 1));
        closeCurrentGroup();
    }
}
