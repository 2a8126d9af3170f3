package io.github.scllm.knime.embed.cellembed;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Cell Embedding node. */
public final class CellEmbeddingNodeFactory extends NodeFactory<CellEmbeddingNodeModel> {

    @Override
    public CellEmbeddingNodeModel createNodeModel() {
        return new CellEmbeddingNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<CellEmbeddingNodeModel> createNodeView(int viewIndex, CellEmbeddingNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Cell Embedding has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new CellEmbeddingNodeDialog();
    }
}
