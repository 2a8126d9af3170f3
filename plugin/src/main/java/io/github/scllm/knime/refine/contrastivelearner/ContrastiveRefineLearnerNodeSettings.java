package io.github.scllm.knime.refine.contrastivelearner;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.defaultnodesettings.SettingsModelStringArray;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.refine.RefineOptions;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.refine.port.EngineBridge;

/** The settings of Contrastive Refine Learner, shared by model and dialog; the only place that names their keys. */
final class ContrastiveRefineLearnerNodeSettings extends ModelSettings {
    private static final RefineOptions D = RefineOptions.DEFAULTS;

    private final SettingsModelStringArray vectorColumns = new SettingsModelStringArray("vector_columns",
        new String[0]);
    private final SettingsModelString labelColumn = new SettingsModelString("label_column", "");
    private final SettingsModelString outputColumn = new SettingsModelString("output_column", "Refined");
    private final SettingsModelIntegerBounded hidden =
        new SettingsModelIntegerBounded("hidden", D.hidden(), 1, 65_536);
    private final SettingsModelIntegerBounded output =
        new SettingsModelIntegerBounded("output", D.output(), 1, 65_536);
    private final SettingsModelDoubleBounded temperature =
        new SettingsModelDoubleBounded("temperature", D.temperature(), 1e-6, 1e6);
    private final SettingsModelDoubleBounded learningRate =
        new SettingsModelDoubleBounded("learning_rate", D.learningRate(), 1e-12, 10);
    private final SettingsModelDoubleBounded weightDecay =
        new SettingsModelDoubleBounded("weight_decay", D.weightDecay(), 0, 10);
    private final SettingsModelIntegerBounded batchSize =
        new SettingsModelIntegerBounded("batch_size", D.batchSize(), 2, 1_000_000);
    private final SettingsModelBoolean balanced = new SettingsModelBoolean("balanced_batches", D.balancedBatches());
    private final SettingsModelIntegerBounded epochs =
        new SettingsModelIntegerBounded("epochs", D.maxEpochs(), 1, 100_000);
    private final SettingsModelIntegerBounded patience =
        new SettingsModelIntegerBounded("patience", D.patience(), 1, 100_000);
    private final SettingsModelDoubleBounded minDelta =
        new SettingsModelDoubleBounded("min_delta", D.minDelta(), 0, 1e6);
    private final SettingsModelDoubleBounded validationFraction =
        new SettingsModelDoubleBounded("validation_fraction", D.validationFraction(), 0, 0.5);
    private final SettingsModelInteger seed = new SettingsModelInteger("seed", (int) D.seed());
    private final SettingsModelIntegerBounded threads = new SettingsModelIntegerBounded("threads", 0, 0, 1024);

    @Override
    protected List<SettingsModel> models() {
        return List.of(vectorColumns, labelColumn, outputColumn, hidden, output, temperature, learningRate,
            weightDecay, batchSize, balanced, epochs, patience, minDelta, validationFraction, seed, threads);
    }

    @Override
    protected ModelSettings fresh() {
        return new ContrastiveRefineLearnerNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        if (outputColumn.getStringValue().isBlank()) {
            throw new InvalidSettingsException("The output column name is empty: enter a name for the refined "
                + "column.");
        }
        toOptions();
    }

    SettingsModelStringArray vectorColumnsModel() {
        return vectorColumns;
    }

    SettingsModelString labelColumnModel() {
        return labelColumn;
    }

    SettingsModelString outputColumnModel() {
        return outputColumn;
    }

    SettingsModelIntegerBounded hiddenModel() {
        return hidden;
    }

    SettingsModelIntegerBounded outputModel() {
        return output;
    }

    SettingsModelDoubleBounded temperatureModel() {
        return temperature;
    }

    SettingsModelDoubleBounded learningRateModel() {
        return learningRate;
    }

    SettingsModelDoubleBounded weightDecayModel() {
        return weightDecay;
    }

    SettingsModelIntegerBounded batchSizeModel() {
        return batchSize;
    }

    SettingsModelBoolean balancedModel() {
        return balanced;
    }

    SettingsModelIntegerBounded epochsModel() {
        return epochs;
    }

    SettingsModelIntegerBounded patienceModel() {
        return patience;
    }

    SettingsModelDoubleBounded minDeltaModel() {
        return minDelta;
    }

    SettingsModelDoubleBounded validationFractionModel() {
        return validationFraction;
    }

    SettingsModelInteger seedModel() {
        return seed;
    }

    SettingsModelIntegerBounded threadsModel() {
        return threads;
    }

    RefineOptions toOptions() throws InvalidSettingsException {
        try {
            return new RefineOptions(hidden.getIntValue(), output.getIntValue(), temperature.getDoubleValue(),
                learningRate.getDoubleValue(), weightDecay.getDoubleValue(), batchSize.getIntValue(),
                balanced.getBooleanValue(), epochs.getIntValue(), patience.getIntValue(), minDelta.getDoubleValue(),
                validationFraction.getDoubleValue(), seed.getIntValue(), EngineBridge.threads(threads.getIntValue()));
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
