package io.github.scllm.knime.embed.cellembed;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.embed.CellEmbedder;
import io.github.scllm.knime.node.ModelSettings;

/** The settings of Cell Embedding, shared by the model and the dialog; the only place that names their keys. */
final class CellEmbeddingNodeSettings extends ModelSettings {
    private static final String GENES_COLUMN_CFG = "genes_column";
    private static final String WEIGHTS_COLUMN_CFG = "weights_column";
    private static final String SYMBOL_COLUMN_CFG = "symbol_column";
    private static final String VECTOR_COLUMN_CFG = "vector_column";
    private static final String UNIFORM_WEIGHTS_CFG = "uniform_weights";
    private static final String L2_NORMALIZE_CFG = "l2_normalize";
    private static final String OUTPUT_COLUMN_CFG = "output_column";

    private final SettingsModelString genesColumn = new SettingsModelString(GENES_COLUMN_CFG, "Top genes");
    private final SettingsModelString weightsColumn = new SettingsModelString(WEIGHTS_COLUMN_CFG, "Top gene weights");
    private final SettingsModelString symbolColumn = new SettingsModelString(SYMBOL_COLUMN_CFG, "");
    private final SettingsModelString vectorColumn = new SettingsModelString(VECTOR_COLUMN_CFG, "");
    private final SettingsModelBoolean uniformWeights = new SettingsModelBoolean(UNIFORM_WEIGHTS_CFG, false);
    private final SettingsModelBoolean l2Normalize = new SettingsModelBoolean(L2_NORMALIZE_CFG, false);
    private final SettingsModelString outputColumn = new SettingsModelString(OUTPUT_COLUMN_CFG, "Cell embedding");

    @Override
    protected List<SettingsModel> models() {
        return List.of(genesColumn, weightsColumn, symbolColumn, vectorColumn, uniformWeights, l2Normalize,
            outputColumn);
    }

    SettingsModelString genesColumnModel() {
        return genesColumn;
    }

    SettingsModelString weightsColumnModel() {
        return weightsColumn;
    }

    SettingsModelString symbolColumnModel() {
        return symbolColumn;
    }

    SettingsModelString vectorColumnModel() {
        return vectorColumn;
    }

    SettingsModelBoolean uniformWeightsModel() {
        return uniformWeights;
    }

    SettingsModelBoolean l2NormalizeModel() {
        return l2Normalize;
    }

    SettingsModelString outputColumnModel() {
        return outputColumn;
    }

    CellEmbedder.Options toOptions() {
        return new CellEmbedder.Options(uniformWeights.getBooleanValue(), l2Normalize.getBooleanValue());
    }

    @Override
    protected ModelSettings fresh() {
        return new CellEmbeddingNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        if (outputColumn.getStringValue().isBlank()) {
            throw new InvalidSettingsException("The output column name is empty: give the cell embedding column a "
                + "name.");
        }
    }
}
