package io.github.scllm.knime.report.umap;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.report.Umap;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.refine.port.EngineBridge;

/** The settings of UMAP, shared by the model and the dialog; the only place that names their keys. */
final class UmapNodeSettings extends ModelSettings {
    static final String METRIC_EUCLIDEAN = "Euclidean";
    static final String METRIC_COSINE = "Cosine";
    static final List<String> METRICS = List.of(METRIC_EUCLIDEAN, METRIC_COSINE);

    private static final Umap.Options D = Umap.Options.DEFAULTS;

    private final SettingsModelString vectorColumn = new SettingsModelString("vector_column", "");
    private final SettingsModelIntegerBounded neighbors =
        new SettingsModelIntegerBounded("n_neighbors", D.nNeighbors(), 2, 10_000);
    private final SettingsModelString metric = new SettingsModelString("metric", METRIC_EUCLIDEAN);
    private final SettingsModelDoubleBounded minDist = new SettingsModelDoubleBounded("min_dist", D.minDist(), 0, 100);
    private final SettingsModelDoubleBounded spread = new SettingsModelDoubleBounded("spread", D.spread(), 1e-6, 100);
    private final SettingsModelIntegerBounded epochs = new SettingsModelIntegerBounded("epochs", 0, 0, 100_000);
    private final SettingsModelLong seed = new SettingsModelLong("seed", D.seed());
    private final SettingsModelIntegerBounded threads = new SettingsModelIntegerBounded("threads", 0, 0, 1024);

    @Override
    protected List<SettingsModel> models() {
        return List.of(vectorColumn, neighbors, metric, minDist, spread, epochs, seed, threads);
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

    SettingsModelDoubleBounded minDistModel() {
        return minDist;
    }

    SettingsModelDoubleBounded spreadModel() {
        return spread;
    }

    SettingsModelIntegerBounded epochsModel() {
        return epochs;
    }

    SettingsModelLong seedModel() {
        return seed;
    }

    SettingsModelIntegerBounded threadsModel() {
        return threads;
    }

    @Override
    protected ModelSettings fresh() {
        return new UmapNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toOptions();
        metric();
    }

    /** @return the distance of the neighbour search */
    DistanceMetric metric() throws InvalidSettingsException {
        if (!METRICS.contains(metric.getStringValue())) {
            throw new InvalidSettingsException("Unknown distance '" + metric.getStringValue() + "': use one of "
                + METRICS + ".");
        }
        return METRIC_COSINE.equals(metric.getStringValue()) ? DistanceMetric.COSINE : DistanceMetric.EUCLIDEAN;
    }

    /** @return the engine options for these settings */
    Umap.Options toOptions() throws InvalidSettingsException {
        try {
            return new Umap.Options(neighbors.getIntValue(), minDist.getDoubleValue(), spread.getDoubleValue(),
                epochs.getIntValue(), D.negativeSampleRate(), seed.getLongValue(),
                EngineBridge.threads(threads.getIntValue()));
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
