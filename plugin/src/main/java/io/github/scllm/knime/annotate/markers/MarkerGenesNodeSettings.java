package io.github.scllm.knime.annotate.markers;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.genes.MarkerOptions;
import io.github.scllm.core.genes.MarkerTest;
import io.github.scllm.core.genes.Normalization;
import io.github.scllm.knime.node.ModelSettings;

/** The settings of Marker Genes, shared by the model and the dialog; the only place that names their keys. */
final class MarkerGenesNodeSettings extends ModelSettings {
    static final String TEST_WILCOXON = "Wilcoxon rank-sum";
    static final String TEST_WELCH = "Welch t-test";
    static final List<String> TESTS = List.of(TEST_WILCOXON, TEST_WELCH);
    static final String VALUES_COUNTS = "raw counts (normalise to log1p CP10k)";
    static final String VALUES_LOG = "already log-normalised";
    static final List<String> VALUES = List.of(VALUES_COUNTS, VALUES_LOG);

    private static final String EXPRESSION_COLUMN_CFG = "expression_column";
    private static final String GROUP_COLUMN_CFG = "group_column";
    private static final String TEST_CFG = "test";
    private static final String VALUES_CFG = "values";
    private static final String GENES_PER_GROUP_CFG = "genes_per_group";
    private static final String MIN_GROUP_CELLS_CFG = "min_group_cells";

    private final SettingsModelString expressionColumn = new SettingsModelString(EXPRESSION_COLUMN_CFG, "");
    private final SettingsModelString groupColumn = new SettingsModelString(GROUP_COLUMN_CFG, "");
    private final SettingsModelString test = new SettingsModelString(TEST_CFG, TEST_WILCOXON);
    private final SettingsModelString values = new SettingsModelString(VALUES_CFG, VALUES_COUNTS);
    private final SettingsModelIntegerBounded genesPerGroup =
        new SettingsModelIntegerBounded(GENES_PER_GROUP_CFG, MarkerOptions.DEFAULTS.topPerGroup(), 0,
            Integer.MAX_VALUE);
    private final SettingsModelIntegerBounded minGroupCells =
        new SettingsModelIntegerBounded(MIN_GROUP_CELLS_CFG, MarkerOptions.DEFAULTS.minGroupCells(), 2,
            Integer.MAX_VALUE);

    @Override
    protected List<SettingsModel> models() {
        return List.of(expressionColumn, groupColumn, test, values, genesPerGroup, minGroupCells);
    }

    SettingsModelString expressionColumnModel() {
        return expressionColumn;
    }

    SettingsModelString groupColumnModel() {
        return groupColumn;
    }

    SettingsModelString testModel() {
        return test;
    }

    /** @return whether the option says the values are counts, which the node normalises */
    boolean countsDeclared() {
        return VALUES_COUNTS.equals(values.getStringValue());
    }

    SettingsModelString valuesModel() {
        return values;
    }

    SettingsModelIntegerBounded genesPerGroupModel() {
        return genesPerGroup;
    }

    SettingsModelIntegerBounded minGroupCellsModel() {
        return minGroupCells;
    }

    @Override
    protected ModelSettings fresh() {
        return new MarkerGenesNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toOptions();
    }

    /** @return the engine options for these settings */
    MarkerOptions toOptions() throws InvalidSettingsException {
        String t = test.getStringValue();
        String v = values.getStringValue();
        if (!TESTS.contains(t)) {
            throw new InvalidSettingsException("Unknown test '" + t + "': use one of " + TESTS + ".");
        }
        if (!VALUES.contains(v)) {
            throw new InvalidSettingsException("Unknown input values '" + v + "': use one of " + VALUES + ".");
        }
        try {
            return MarkerOptions.DEFAULTS
                .withTest(TEST_WELCH.equals(t) ? MarkerTest.WELCH_T : MarkerTest.WILCOXON)
                .withNormalization(VALUES_LOG.equals(v) ? Normalization.NONE : Normalization.LOG1P_CP10K)
                .withTopPerGroup(genesPerGroup.getIntValue())
                .withMinGroupCells(minGroupCells.getIntValue());
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
