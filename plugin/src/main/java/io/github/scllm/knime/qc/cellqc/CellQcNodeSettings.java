package io.github.scllm.knime.qc.cellqc;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.qc.QcOptions;
import io.github.scllm.knime.node.ModelSettings;

/** The settings of Cell QC, shared by the model and the dialog; the only place that names their keys. */
final class CellQcNodeSettings extends ModelSettings {
    private static final String EXPRESSION_COLUMN_CFG = "expression_column";
    private static final String BATCH_COLUMN_CFG = "batch_column";
    private static final String NMADS_CFG = "nmads";
    private static final String MT_GENES_CFG = "mitochondrial_genes";
    private static final String MIN_COUNTS_CFG = "min_counts";
    private static final String MIN_GENES_CFG = "min_genes";
    private static final String MAX_PCT_MT_CFG = "max_pct_mt";
    private static final String MIN_CELLS_CFG = "min_cells_per_gene";

    private final SettingsModelString expressionColumn = new SettingsModelString(EXPRESSION_COLUMN_CFG, "");
    private final SettingsModelString batchColumn = new SettingsModelString(BATCH_COLUMN_CFG, "");
    private final SettingsModelDoubleBounded nmads =
        new SettingsModelDoubleBounded(NMADS_CFG, QcOptions.DEFAULTS.nmads(), 0, 100);
    private final SettingsModelString mitochondrialGenes = new SettingsModelString(MT_GENES_CFG, "");
    private final SettingsModelDoubleBounded minCounts =
        new SettingsModelDoubleBounded(MIN_COUNTS_CFG, QcOptions.DEFAULTS.minCounts(), 0, Double.MAX_VALUE);
    private final SettingsModelIntegerBounded minGenes =
        new SettingsModelIntegerBounded(MIN_GENES_CFG, QcOptions.DEFAULTS.minGenes(), 0, Integer.MAX_VALUE);
    private final SettingsModelDoubleBounded maxPctMt =
        new SettingsModelDoubleBounded(MAX_PCT_MT_CFG, QcOptions.DEFAULTS.maxPctMitochondrial(), 0, 100);
    private final SettingsModelIntegerBounded minCellsPerGene =
        new SettingsModelIntegerBounded(MIN_CELLS_CFG, QcOptions.DEFAULTS.minCellsPerGene(), 0, Integer.MAX_VALUE);

    @Override
    protected List<SettingsModel> models() {
        return List.of(expressionColumn, batchColumn, nmads, mitochondrialGenes, minCounts, minGenes, maxPctMt,
            minCellsPerGene);
    }

    SettingsModelString expressionColumnModel() {
        return expressionColumn;
    }

    SettingsModelString batchColumnModel() {
        return batchColumn;
    }

    SettingsModelDoubleBounded nmadsModel() {
        return nmads;
    }

    SettingsModelString mitochondrialGenesModel() {
        return mitochondrialGenes;
    }

    SettingsModelDoubleBounded minCountsModel() {
        return minCounts;
    }

    SettingsModelIntegerBounded minGenesModel() {
        return minGenes;
    }

    SettingsModelDoubleBounded maxPctMtModel() {
        return maxPctMt;
    }

    SettingsModelIntegerBounded minCellsPerGeneModel() {
        return minCellsPerGene;
    }

    @Override
    protected ModelSettings fresh() {
        return new CellQcNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toOptions();
    }

    /** @return the engine options for these settings */
    QcOptions toOptions() throws InvalidSettingsException {
        Set<String> genes = new LinkedHashSet<>();
        Arrays.stream(mitochondrialGenes.getStringValue().split("[,\\s]+")).map(String::trim)
            .filter(s -> !s.isEmpty()).forEach(genes::add);
        try {
            return new QcOptions(nmads.getDoubleValue(), genes, minCounts.getDoubleValue(), minGenes.getIntValue(),
                maxPctMt.getDoubleValue(), minCellsPerGene.getIntValue());
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
