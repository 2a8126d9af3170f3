package io.github.scllm.knime.genes.topgenes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.genes.ExclusionPreset;
import io.github.scllm.core.genes.HvgFlavor;
import io.github.scllm.core.genes.Normalization;
import io.github.scllm.core.genes.TopGenesOptions;
import io.github.scllm.knime.node.ModelSettings;

/** The settings of Top Genes, shared by the model and the dialog; the only place that names their keys. */
final class TopGenesNodeSettings extends ModelSettings {
    static final List<String> NORMALIZATIONS = List.of("none", "cp10k", "log1p");
    static final List<String> HVG_FLAVORS = List.of("seurat dispersion", "log variance");

    private static final String EXPRESSION_COLUMN_CFG = "expression_column";
    private static final String TOP_N_CFG = "top_n";
    private static final String NORMALIZATION_CFG = "normalization";
    private static final String EXCLUDE_MITO_CFG = "exclude_mitochondrial";
    private static final String EXCLUDE_RIBO_CFG = "exclude_ribosomal";
    private static final String EXCLUDE_PATTERN_CFG = "exclude_pattern";
    private static final String HVG_COUNT_CFG = "highly_variable_genes";
    private static final String HVG_FLAVOR_CFG = "hvg_flavor";
    private static final String SENTENCE_CFG = "gene_sentence";

    private final SettingsModelString expressionColumn = new SettingsModelString(EXPRESSION_COLUMN_CFG, "");
    private final SettingsModelIntegerBounded topN =
        new SettingsModelIntegerBounded(TOP_N_CFG, TopGenesOptions.DEFAULTS.topN(), 1, 100_000);
    private final SettingsModelString normalization = new SettingsModelString(NORMALIZATION_CFG, NORMALIZATIONS.get(0));
    private final SettingsModelBoolean excludeMito = new SettingsModelBoolean(EXCLUDE_MITO_CFG, false);
    private final SettingsModelBoolean excludeRibo = new SettingsModelBoolean(EXCLUDE_RIBO_CFG, false);
    private final SettingsModelString excludePattern = new SettingsModelString(EXCLUDE_PATTERN_CFG, "");
    private final SettingsModelIntegerBounded hvgCount =
        new SettingsModelIntegerBounded(HVG_COUNT_CFG, 0, 0, Integer.MAX_VALUE);
    private final SettingsModelString hvgFlavor = new SettingsModelString(HVG_FLAVOR_CFG, HVG_FLAVORS.get(0));
    private final SettingsModelBoolean sentence = new SettingsModelBoolean(SENTENCE_CFG, false);

    @Override
    protected List<SettingsModel> models() {
        return List.of(expressionColumn, topN, normalization, excludeMito, excludeRibo, excludePattern, hvgCount,
            hvgFlavor, sentence);
    }

    SettingsModelString expressionColumnModel() {
        return expressionColumn;
    }

    SettingsModelIntegerBounded topNModel() {
        return topN;
    }

    SettingsModelString normalizationModel() {
        return normalization;
    }

    SettingsModelBoolean excludeMitoModel() {
        return excludeMito;
    }

    SettingsModelBoolean excludeRiboModel() {
        return excludeRibo;
    }

    SettingsModelString excludePatternModel() {
        return excludePattern;
    }

    SettingsModelIntegerBounded hvgCountModel() {
        return hvgCount;
    }

    SettingsModelString hvgFlavorModel() {
        return hvgFlavor;
    }

    SettingsModelBoolean sentenceModel() {
        return sentence;
    }

    @Override
    protected ModelSettings fresh() {
        return new TopGenesNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toOptions();
    }

    /** @return the chosen expression column, or null when none was chosen yet */
    String expressionColumn() {
        String c = expressionColumn.getStringValue();
        return c == null || c.isBlank() ? null : c;
    }

    /** @return whether a gene sentence column is appended */
    boolean appendSentence() {
        return sentence.getBooleanValue();
    }

    /** @return the engine options these settings describe */
    TopGenesOptions toOptions() throws InvalidSettingsException {
        String norm = normalization.getStringValue();
        String flavor = hvgFlavor.getStringValue();
        if (!NORMALIZATIONS.contains(norm)) {
            throw new InvalidSettingsException("Unknown normalisation '" + norm + "': use one of " + NORMALIZATIONS + ".");
        }
        if (!HVG_FLAVORS.contains(flavor)) {
            throw new InvalidSettingsException("Unknown highly variable gene ranking '" + flavor + "': use one of "
                + HVG_FLAVORS + ".");
        }
        Set<ExclusionPreset> presets = EnumSet.noneOf(ExclusionPreset.class);
        if (excludeMito.getBooleanValue()) {
            presets.add(ExclusionPreset.MITOCHONDRIAL);
        }
        if (excludeRibo.getBooleanValue()) {
            presets.add(ExclusionPreset.RIBOSOMAL);
        }
        List<String> patterns = new ArrayList<>();
        String p = excludePattern.getStringValue();
        if (p != null && !p.isBlank()) {
            patterns.add(p.trim());
        }
        try {
            return new TopGenesOptions(topN.getIntValue(), switch (norm) {
                case "cp10k" -> Normalization.CP10K;
                case "log1p" -> Normalization.LOG1P_CP10K;
                default -> Normalization.NONE;
            }, presets, patterns, hvgCount.getIntValue(),
                flavor.equals(HVG_FLAVORS.get(1)) ? HvgFlavor.LOG_VARIANCE : HvgFlavor.SEURAT_DISPERSION);
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
