package io.github.scllm.knime.refine.pcalearner;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.refine.PcaOptions;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.ExpressionInput;

/** The settings of Expression PCA Learner, shared by model and dialog; the only place that names their keys. */
final class ExpressionPcaLearnerNodeSettings extends ModelSettings {
    private static final PcaOptions D = PcaOptions.DEFAULTS;

    private final SettingsModelString column = new SettingsModelString("expression_column", "");
    private final SettingsModelString inputValues = new SettingsModelString("input_values", ExpressionInput.COUNTS);
    private final SettingsModelBoolean allGenes = new SettingsModelBoolean("all_genes", false);
    private final SettingsModelIntegerBounded genes =
        new SettingsModelIntegerBounded("highly_variable_genes", D.highlyVariableGenes(), 1, Integer.MAX_VALUE);
    private final SettingsModelIntegerBounded components =
        new SettingsModelIntegerBounded("components", D.components(), 1, 10_000);
    private final SettingsModelDoubleBounded clip = new SettingsModelDoubleBounded("clip", D.clip(), 1e-6, 1e6);
    private final SettingsModelInteger seed = new SettingsModelInteger("seed", (int) D.seed());
    private final SettingsModelBoolean transductive = new SettingsModelBoolean("transductive", false);
    private final SettingsModelIntegerBounded powerIterations =
        new SettingsModelIntegerBounded("power_iterations", D.powerIterations(), 0, 100);
    private final SettingsModelIntegerBounded oversampling =
        new SettingsModelIntegerBounded("oversampling", D.oversampling(), 0, 1000);
    private final SettingsModelIntegerBounded threads = new SettingsModelIntegerBounded("threads", 0, 0, 1024);
    private final SettingsModelString outputColumn = new SettingsModelString("output_column", "PCA");

    ExpressionPcaLearnerNodeSettings() {
        genes.setEnabled(!allGenes.getBooleanValue());
        allGenes.addChangeListener(e -> genes.setEnabled(!allGenes.getBooleanValue()));
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(column, inputValues, allGenes, genes, components, clip, seed, transductive, powerIterations,
            oversampling, threads, outputColumn);
    }

    @Override
    protected ModelSettings fresh() {
        return new ExpressionPcaLearnerNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkChoice(inputValues.getStringValue(), ExpressionInput.VALUE_CHOICES, "Input values");
        if (outputColumn.getStringValue().isBlank()) {
            throw new InvalidSettingsException("The output column name is empty: enter a name for the PCA column.");
        }
        toOptions();
    }

    SettingsModelString columnModel() {
        return column;
    }

    SettingsModelString inputValuesModel() {
        return inputValues;
    }

    SettingsModelBoolean allGenesModel() {
        return allGenes;
    }

    SettingsModelIntegerBounded genesModel() {
        return genes;
    }

    SettingsModelIntegerBounded componentsModel() {
        return components;
    }

    SettingsModelDoubleBounded clipModel() {
        return clip;
    }

    SettingsModelInteger seedModel() {
        return seed;
    }

    SettingsModelBoolean transductiveModel() {
        return transductive;
    }

    SettingsModelIntegerBounded powerIterationsModel() {
        return powerIterations;
    }

    SettingsModelIntegerBounded oversamplingModel() {
        return oversampling;
    }

    SettingsModelIntegerBounded threadsModel() {
        return threads;
    }

    SettingsModelString outputColumnModel() {
        return outputColumn;
    }

    boolean counts() {
        return ExpressionInput.COUNTS.equals(inputValues.getStringValue());
    }

    PcaOptions toOptions() throws InvalidSettingsException {
        try {
            return new PcaOptions(allGenes.getBooleanValue() ? 0 : genes.getIntValue(), components.getIntValue(),
                clip.getDoubleValue(), powerIterations.getIntValue(), oversampling.getIntValue(), seed.getIntValue(),
                transductive.getBooleanValue(), EngineBridge.threads(threads.getIntValue()));
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
