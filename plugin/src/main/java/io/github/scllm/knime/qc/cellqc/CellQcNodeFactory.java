package io.github.scllm.knime.qc.cellqc;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Cell QC node. */
public final class CellQcNodeFactory extends NodeFactory<CellQcNodeModel> {

    @Override
    public CellQcNodeModel createNodeModel() {
        return new CellQcNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<CellQcNodeModel> createNodeView(int viewIndex, CellQcNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Cell QC has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new CellQcNodeDialog();
    }
}
