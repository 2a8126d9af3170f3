package io.github.scllm.knime.cluster.clustercells;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Cluster Cells node. */
public final class ClusterCellsNodeFactory extends NodeFactory<ClusterCellsNodeModel> {

    @Override
    public ClusterCellsNodeModel createNodeModel() {
        return new ClusterCellsNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ClusterCellsNodeModel> createNodeView(int viewIndex, ClusterCellsNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Cluster Cells has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ClusterCellsNodeDialog();
    }
}
