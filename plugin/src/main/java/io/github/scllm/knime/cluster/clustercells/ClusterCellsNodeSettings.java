package io.github.scllm.knime.cluster.clustercells;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.cluster.ClusterOptions;
import io.github.scllm.core.cluster.Leiden;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.refine.port.EngineBridge;

/** The settings of Cluster Cells, shared by the model and the dialog; the only place that names their keys. */
final class ClusterCellsNodeSettings extends ModelSettings {
    static final String METRIC_EUCLIDEAN = "Euclidean";
    static final String METRIC_COSINE = "Cosine";
    static final List<String> METRICS = List.of(METRIC_EUCLIDEAN, METRIC_COSINE);
    static final String WEIGHTS_UMAP = "UMAP connectivities (scanpy)";
    static final String WEIGHTS_SNN = "Shared-neighbour Jaccard (Seurat)";
    static final List<String> WEIGHTS = List.of(WEIGHTS_UMAP, WEIGHTS_SNN);
    static final String QUALITY_MODULARITY = "Modularity";
    static final String QUALITY_CPM = "Constant Potts model (CPM)";
    static final List<String> QUALITIES = List.of(QUALITY_MODULARITY, QUALITY_CPM);

    private static final ClusterOptions D = ClusterOptions.DEFAULTS;

    private final SettingsModelString vectorColumn = new SettingsModelString("vector_column", "");
    private final SettingsModelIntegerBounded neighbors =
        new SettingsModelIntegerBounded("n_neighbors", D.nNeighbors(), 2, 10_000);
    private final SettingsModelString metric = new SettingsModelString("metric", METRIC_EUCLIDEAN);
    private final SettingsModelString weights = new SettingsModelString("weights", WEIGHTS_UMAP);
    private final SettingsModelString quality = new SettingsModelString("quality", QUALITY_MODULARITY);
    private final SettingsModelDoubleBounded resolution =
        new SettingsModelDoubleBounded("resolution", D.leiden().resolution(), 1e-9, 1e9);
    private final SettingsModelLong seed = new SettingsModelLong("seed", D.leiden().seed());
    private final SettingsModelIntegerBounded exactUpTo =
        new SettingsModelIntegerBounded("exact_up_to", D.exactUpTo(), 0, Integer.MAX_VALUE);
    private final SettingsModelIntegerBounded threads = new SettingsModelIntegerBounded("threads", 0, 0, 1024);
    private final SettingsModelString clusterColumn = new SettingsModelString("cluster_column", "cluster");

    @Override
    protected List<SettingsModel> models() {
        return List.of(vectorColumn, neighbors, metric, weights, quality, resolution, seed, exactUpTo, threads,
            clusterColumn);
    }

    SettingsModelString vectorColumnModel() {
        return vectorColumn;
    }

    SettingsModelIntegerBounded neighborsModel() {
        return neighbors;
    }

    SettingsModelString metricModel() {
        return metric;
    }

    SettingsModelString weightsModel() {
        return weights;
    }

    SettingsModelString qualityModel() {
        return quality;
    }

    SettingsModelDoubleBounded resolutionModel() {
        return resolution;
    }

    SettingsModelLong seedModel() {
        return seed;
    }

    SettingsModelIntegerBounded exactUpToModel() {
        return exactUpTo;
    }

    SettingsModelIntegerBounded threadsModel() {
        return threads;
    }

    SettingsModelString clusterColumnModel() {
        return clusterColumn;
    }

    @Override
    protected ModelSettings fresh() {
        return new ClusterCellsNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toOptions();
        if (clusterColumn.getStringValue().isBlank()) {
            throw new InvalidSettingsException("Name the cluster column (e.g. cluster or leiden).");
        }
    }

    /** @return the engine options for these settings */
    ClusterOptions toOptions() throws InvalidSettingsException {
        choice(metric, METRICS, "distance");
        choice(weights, WEIGHTS, "edge weights");
        choice(quality, QUALITIES, "quality function");
        try {
            Leiden.Options leiden = new Leiden.Options(QUALITY_CPM.equals(quality.getStringValue())
                ? Leiden.Quality.CPM : Leiden.Quality.MODULARITY, resolution.getDoubleValue(), seed.getLongValue(), -1,
                Leiden.Options.DEFAULTS.randomness());
            return new ClusterOptions(neighbors.getIntValue(), METRIC_COSINE.equals(metric.getStringValue())
                ? DistanceMetric.COSINE : DistanceMetric.EUCLIDEAN, WEIGHTS_SNN.equals(weights.getStringValue())
                    ? ClusterOptions.Weighting.SNN : ClusterOptions.Weighting.UMAP, exactUpTo.getIntValue(), leiden,
                EngineBridge.threads(threads.getIntValue()));
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    private static void choice(SettingsModelString model, List<String> allowed, String what)
        throws InvalidSettingsException {
        if (!allowed.contains(model.getStringValue())) {
            throw new InvalidSettingsException("Unknown " + what + " '" + model.getStringValue() + "': use one of "
                + allowed + ".");
        }
    }
}
