package io.github.scllm.knime.annotate.groups;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Annotate Groups node. */
public final class AnnotateGroupsNodeFactory extends NodeFactory<AnnotateGroupsNodeModel> {

    @Override
    public AnnotateGroupsNodeModel createNodeModel() {
        return new AnnotateGroupsNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<AnnotateGroupsNodeModel> createNodeView(int viewIndex, AnnotateGroupsNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Annotate Groups has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new AnnotateGroupsNodeDialog();
    }
}
