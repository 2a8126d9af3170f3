package io.github.scllm.knime.annotate.ontology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.node.LocalFiles;

/** The settings of Cell Ontology Reader, shared by the model and the dialog; the only place that names their keys. */
final class CellOntologyReaderNodeSettings extends ModelSettings {
    private static final String FILE_CFG = "file";
    private static final String INCLUDE_OBSOLETE_CFG = "include_obsolete";
    private static final String ROOT_CFG = "root";

    private final SettingsModelString file = new SettingsModelString(FILE_CFG, "");
    private final SettingsModelBoolean includeObsolete = new SettingsModelBoolean(INCLUDE_OBSOLETE_CFG, false);
    private final SettingsModelString root = new SettingsModelString(ROOT_CFG, "");

    @Override
    protected List<SettingsModel> models() {
        return List.of(file, includeObsolete, root);
    }

    SettingsModelString fileModel() {
        return file;
    }

    SettingsModelBoolean includeObsoleteModel() {
        return includeObsolete;
    }

    SettingsModelString rootModel() {
        return root;
    }

    @Override
    protected ModelSettings fresh() {
        return new CellOntologyReaderNodeSettings();
    }

    /** @return the OBO file, which must exist */
    Path path() throws InvalidSettingsException {
        Path path = LocalFiles.optional(file.getStringValue(), "Ontology file");
        if (path == null) {
            throw new InvalidSettingsException("No ontology file selected: choose an OBO file such as cl-basic.obo "
                + "of the Cell Ontology in the dialog.");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidSettingsException("Ontology file " + path + " does not exist. Download an OBO release "
                + "(e.g. cl-basic.obo) and select it.");
        }
        return path;
    }

    boolean includeObsolete() {
        return includeObsolete.getBooleanValue();
    }

    /** @return the root term ID, or null for all terms */
    String root() {
        String r = root.getStringValue();
        return r == null || r.isBlank() ? null : r.trim();
    }
}
