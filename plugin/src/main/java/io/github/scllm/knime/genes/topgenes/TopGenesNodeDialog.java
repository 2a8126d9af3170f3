package io.github.scllm.knime.genes.topgenes;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

import io.github.scllm.knime.data.ExpressionValue;

/** The dialog of Top Genes: wraps the settings models, declares no keys. */
final class TopGenesNodeDialog extends DefaultNodeSettingsPane {

    TopGenesNodeDialog() {
        TopGenesNodeSettings s = new TopGenesNodeSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.expressionColumnModel(), "Expression column", 0,
            ExpressionValue.class));
        addDialogComponent(new DialogComponentNumber(s.topNModel(), "Number of top genes", 1));
        addDialogComponent(new DialogComponentStringSelection(s.normalizationModel(), "Normalisation",
            TopGenesNodeSettings.NORMALIZATIONS));
        addDialogComponent(new DialogComponentBoolean(s.sentenceModel(), "Append gene sentence"));

        createNewGroup("Genes left out");
        addDialogComponent(new DialogComponentBoolean(s.excludeMitoModel(), "Exclude mitochondrial genes"));
        addDialogComponent(new DialogComponentBoolean(s.excludeRiboModel(), "Exclude ribosomal protein genes"));
        addDialogComponent(new DialogComponentString(s.excludePatternModel(), "Exclude genes matching (regex)"));
        closeCurrentGroup();

        createNewGroup("Highly variable genes");
        addDialogComponent(new DialogComponentNumber(s.hvgCountModel(), "Only the N most variable genes (0: all)", 100));
        addDialogComponent(new DialogComponentStringSelection(s.hvgFlavorModel(), "Variability ranking",
            TopGenesNodeSettings.HVG_FLAVORS));
        closeCurrentGroup();
    }
}
