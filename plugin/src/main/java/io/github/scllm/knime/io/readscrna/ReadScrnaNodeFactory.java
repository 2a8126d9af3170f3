package io.github.scllm.knime.io.readscrna;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Read scRNA node. */
public final class ReadScrnaNodeFactory extends NodeFactory<ReadScrnaNodeModel> {

    @Override
    public ReadScrnaNodeModel createNodeModel() {
        return new ReadScrnaNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ReadScrnaNodeModel> createNodeView(int viewIndex, ReadScrnaNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Read scRNA has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ReadScrnaNodeDialog();
    }
}
