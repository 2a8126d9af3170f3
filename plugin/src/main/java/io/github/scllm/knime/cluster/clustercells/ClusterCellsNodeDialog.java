package io.github.scllm.knime.cluster.clustercells;

import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The dialog of Cluster Cells: wraps the settings models, declares no keys. */
final class ClusterCellsNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ClusterCellsNodeDialog() {
        ClusterCellsNodeSettings s = new ClusterCellsNodeSettings();
        createNewGroup("Neighbour graph");
        addDialogComponent(new DialogComponentColumnNameSelection(s.vectorColumnModel(), "Vector column", 0,
            DoubleVectorValue.class));
        addDialogComponent(new DialogComponentNumber(s.neighborsModel(), "Number of neighbours", 1));
        addDialogComponent(new DialogComponentStringSelection(s.metricModel(), "Distance",
            ClusterCellsNodeSettings.METRICS));
        addDialogComponent(new DialogComponentStringSelection(s.weightsModel(), "Edge weights",
            ClusterCellsNodeSettings.WEIGHTS));
        addDialogComponent(new DialogComponentNumber(s.exactUpToModel(), "Exact search up to (cells)", 10_000));
        closeCurrentGroup();
        createNewGroup("Leiden");
        addDialogComponent(new DialogComponentStringSelection(s.qualityModel(), "Quality function",
            ClusterCellsNodeSettings.QUALITIES));
        addDialogComponent(new DialogComponentNumber(s.resolutionModel(), "Resolution", 0.1));
        addDialogComponent(new DialogComponentNumber(s.seedModel(), "Seed", 1));
        closeCurrentGroup();
        createNewGroup("Output");
        addDialogComponent(new DialogComponentString(s.clusterColumnModel(), "Cluster column"));
        addDialogComponent(new DialogComponentNumber(s.threadsModel(), "Threads (0: all cores)", 1));
        closeCurrentGroup();
    }
}
