package io.github.scllm.knime.report.umap;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the UMAP node. */
public final class UmapNodeFactory extends NodeFactory<UmapNodeModel> {

    @Override
    public UmapNodeModel createNodeModel() {
        return new UmapNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<UmapNodeModel> createNodeView(int viewIndex, UmapNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("UMAP has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new UmapNodeDialog();
    }
}
