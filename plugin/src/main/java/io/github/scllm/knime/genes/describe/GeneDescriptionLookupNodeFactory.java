package io.github.scllm.knime.genes.describe;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Gene Description Lookup node. */
public final class GeneDescriptionLookupNodeFactory extends NodeFactory<GeneDescriptionLookupNodeModel> {

    @Override
    public GeneDescriptionLookupNodeModel createNodeModel() {
        return new GeneDescriptionLookupNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<GeneDescriptionLookupNodeModel> createNodeView(int viewIndex, GeneDescriptionLookupNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Gene Description Lookup has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new GeneDescriptionLookupNodeDialog();
    }
}
