package io.github.scllm.knime.io.readscrna;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.io.CellSelection;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.MatrixChoice;
import io.github.scllm.core.io.MatrixFormat;
import io.github.scllm.core.io.Orientation;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.node.LocalFiles;

/** The settings of Read scRNA, shared by the model and the dialog; the only place that names their keys. */
final class ReadScrnaNodeSettings extends ModelSettings {
    static final String FORMAT_AUTO = "auto";
    static final List<String> FORMATS = List.of(FORMAT_AUTO, "h5ad", "10x_h5", "10x_mtx", "delimited");
    static final List<String> ORIENTATIONS = List.of("genes x cells", "cells x genes");
    static final List<String> INVALID_VALUE_POLICIES = List.of("reject", "warn");
    static final List<String> SELECTIONS = List.of("all", "first", "random");

    private static final String FILE_CFG = "file";
    private static final String FORMAT_CFG = "format";
    private static final String MATRIX_CFG = "matrix";
    private static final String GENE_COLUMN_CFG = "gene_column";
    private static final String OBS_COLUMNS_CFG = "obs_columns";
    private static final String GENE_EXPRESSION_ONLY_CFG = "gene_expression_only";
    private static final String ORIENTATION_CFG = "orientation";
    private static final String METADATA_FILE_CFG = "metadata_file";
    private static final String INVALID_VALUES_CFG = "invalid_values";
    private static final String SELECTION_CFG = "cell_selection";
    private static final String CELL_COUNT_CFG = "cell_count";
    private static final String SEED_CFG = "seed";

    private final SettingsModelString file = new SettingsModelString(FILE_CFG, "");
    private final SettingsModelString format = new SettingsModelString(FORMAT_CFG, FORMAT_AUTO);
    private final SettingsModelString matrix = new SettingsModelString(MATRIX_CFG, "X");
    private final SettingsModelString geneColumn = new SettingsModelString(GENE_COLUMN_CFG, "");
    private final SettingsModelString obsColumns = new SettingsModelString(OBS_COLUMNS_CFG, "");
    private final SettingsModelBoolean geneExpressionOnly = new SettingsModelBoolean(GENE_EXPRESSION_ONLY_CFG, true);
    private final SettingsModelString orientation = new SettingsModelString(ORIENTATION_CFG, ORIENTATIONS.get(0));
    private final SettingsModelString metadataFile = new SettingsModelString(METADATA_FILE_CFG, "");
    private final SettingsModelString invalidValues =
        new SettingsModelString(INVALID_VALUES_CFG, INVALID_VALUE_POLICIES.get(0));
    private final SettingsModelString selection = new SettingsModelString(SELECTION_CFG, SELECTIONS.get(0));
    private final SettingsModelIntegerBounded cellCount =
        new SettingsModelIntegerBounded(CELL_COUNT_CFG, 1000, 1, Integer.MAX_VALUE);
    private final SettingsModelInteger seed = new SettingsModelInteger(SEED_CFG, 1);

    @Override
    protected List<SettingsModel> models() {
        return List.of(file, format, matrix, geneColumn, obsColumns, geneExpressionOnly, orientation, metadataFile,
            invalidValues, selection, cellCount, seed);
    }

    SettingsModelString fileModel() {
        return file;
    }

    SettingsModelString formatModel() {
        return format;
    }

    SettingsModelString matrixModel() {
        return matrix;
    }

    SettingsModelString geneColumnModel() {
        return geneColumn;
    }

    SettingsModelString obsColumnsModel() {
        return obsColumns;
    }

    SettingsModelBoolean geneExpressionOnlyModel() {
        return geneExpressionOnly;
    }

    SettingsModelString orientationModel() {
        return orientation;
    }

    SettingsModelString metadataFileModel() {
        return metadataFile;
    }

    SettingsModelString invalidValuesModel() {
        return invalidValues;
    }

    SettingsModelString selectionModel() {
        return selection;
    }

    SettingsModelIntegerBounded cellCountModel() {
        return cellCount;
    }

    SettingsModelInteger seedModel() {
        return seed;
    }

    @Override
    protected ModelSettings fresh() {
        return new ReadScrnaNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        // files are resolved in configure and execute, where the workflow is known
        toOptions(null);
        toSelection();
    }

    /** @return the file to read */
    Path path() throws InvalidSettingsException {
        Path p = LocalFiles.optional(file.getStringValue(), "Input file");
        if (p == null) {
            throw new InvalidSettingsException("No input file selected: choose an .h5ad, .h5, matrix.mtx(.gz) or "
                + "CSV/TSV file in the dialog.");
        }
        return p;
    }

    /** @return the obs columns to include, or an empty list for all */
    List<String> obsColumns() {
        return Arrays.stream(obsColumns.getStringValue().split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .toList();
    }

    /** @return the read options, with the metadata file resolved */
    ReadOptions toOptions() throws InvalidSettingsException {
        return toOptions(LocalFiles.optional(metadataFile.getStringValue(), "Metadata file"));
    }

    private ReadOptions toOptions(Path metadata) throws InvalidSettingsException {
        try {
            String fmt = format.getStringValue();
            if (!FORMATS.contains(fmt)) {
                throw new InvalidSettingsException("Unknown format '" + fmt + "': use one of " + FORMATS + ".");
            }
            MatrixFormat mf = switch (fmt) {
                case "h5ad" -> MatrixFormat.H5AD;
                case "10x_h5" -> MatrixFormat.TENX_H5;
                case "10x_mtx" -> MatrixFormat.TENX_MTX;
                case "delimited" -> MatrixFormat.DELIMITED;
                default -> null;
            };
            return new ReadOptions(mf, MatrixChoice.parse(matrix.getStringValue()), geneColumn.getStringValue(),
                geneExpressionOnly.getBooleanValue(),
                ORIENTATIONS.get(1).equals(orientation.getStringValue()) ? Orientation.CELLS_BY_GENES
                    : Orientation.GENES_BY_CELLS,
                metadata,
                "warn".equals(invalidValues.getStringValue()) ? InvalidValuePolicy.WARN : InvalidValuePolicy.REJECT);
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    CellSelection toSelection() throws InvalidSettingsException {
        String mode = selection.getStringValue();
        if (!SELECTIONS.contains(mode)) {
            throw new InvalidSettingsException("Unknown cell selection '" + mode + "': use one of " + SELECTIONS + ".");
        }
        return new CellSelection(CellSelection.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), cellCount.getIntValue(),
            seed.getIntValue());
    }
}
