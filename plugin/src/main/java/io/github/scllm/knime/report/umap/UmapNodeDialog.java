package io.github.scllm.knime.report.umap;

import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The dialog of UMAP: wraps the settings models, declares no keys. */
final class UmapNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    UmapNodeDialog() {
        UmapNodeSettings s = new UmapNodeSettings();
        addDialogComponent(new DialogComponentColumnNameSelection(s.vectorColumnModel(), "Vector column", 0,
            DoubleVectorValue.class));
        addDialogComponent(new DialogComponentNumber(s.neighborsModel(), "Number of neighbours", 1));
        addDialogComponent(new DialogComponentStringSelection(s.metricModel(), "Distance", UmapNodeSettings.METRICS));
        addDialogComponent(new DialogComponentNumber(s.minDistModel(), "Minimum distance", 0.05));
        addDialogComponent(new DialogComponentNumber(s.spreadModel(), "Spread", 0.1));
        addDialogComponent(new DialogComponentNumber(s.epochsModel(), "Epochs (0: automatic)", 50));
        addDialogComponent(new DialogComponentNumber(s.seedModel(), "Seed", 1));
        addDialogComponent(new DialogComponentNumber(s.threadsModel(), "Threads (0: all cores)", 1));
    }
}
