package io.github.scllm.knime.annotate.markers;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Marker Genes node. */
public final class MarkerGenesNodeFactory extends NodeFactory<MarkerGenesNodeModel> {

    @Override
    public MarkerGenesNodeModel createNodeModel() {
        return new MarkerGenesNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<MarkerGenesNodeModel> createNodeView(int viewIndex, MarkerGenesNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Marker Genes has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new MarkerGenesNodeDialog();
    }
}
