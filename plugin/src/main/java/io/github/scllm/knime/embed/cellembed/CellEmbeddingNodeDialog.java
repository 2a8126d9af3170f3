package io.github.scllm.knime.embed.cellembed;

import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** The dialog of Cell Embedding: wraps the settings models, declares no keys. */
final class CellEmbeddingNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    CellEmbeddingNodeDialog() {
        CellEmbeddingNodeSettings s = new CellEmbeddingNodeSettings();
        createNewGroup("Cells (first input)");
        addDialogComponent(new DialogComponentColumnNameSelection(s.genesColumnModel(), "Top genes column", 0,
            ListDataValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.weightsColumnModel(), "Weights column", 0, false,
            ListDataValue.class));
        closeCurrentGroup();
        createNewGroup("Gene embeddings (second input)");
        addDialogComponent(new DialogComponentColumnNameSelection(s.symbolColumnModel(), "Gene symbol column", 1,
            StringValue.class));
        addDialogComponent(new DialogComponentColumnNameSelection(s.vectorColumnModel(), "Embedding column", 1,
            DoubleVectorValue.class));
        closeCurrentGroup();
        createNewGroup("Options");
        addDialogComponent(new DialogComponentBoolean(s.uniformWeightsModel(), "Uniform weights"));
        addDialogComponent(new DialogComponentBoolean(s.l2NormalizeModel(), "L2 normalisation"));
        addDialogComponent(new DialogComponentString(s.outputColumnModel(), "Output column"));
        closeCurrentGroup();
    }
}
