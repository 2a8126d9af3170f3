package io.github.scllm.knime.classify.knn;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the KNN Classify node. */
public final class KnnClassifyNodeFactory extends NodeFactory<KnnClassifyNodeModel> {

    @Override
    public KnnClassifyNodeModel createNodeModel() {
        return new KnnClassifyNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<KnnClassifyNodeModel> createNodeView(int viewIndex,
        KnnClassifyNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("KNN Classify has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new KnnClassifyNodeDialog();
    }
}
