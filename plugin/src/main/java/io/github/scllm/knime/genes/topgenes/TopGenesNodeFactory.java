package io.github.scllm.knime.genes.topgenes;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Top Genes node. */
public final class TopGenesNodeFactory extends NodeFactory<TopGenesNodeModel> {

    @Override
    public TopGenesNodeModel createNodeModel() {
        return new TopGenesNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<TopGenesNodeModel> createNodeView(int viewIndex, TopGenesNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Top Genes has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new TopGenesNodeDialog();
    }
}
