package io.github.scllm.knime.refine.pcapredictor;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Expression PCA Predictor node. */
public final class ExpressionPcaPredictorNodeFactory extends NodeFactory<ExpressionPcaPredictorNodeModel> {

    @Override
    public ExpressionPcaPredictorNodeModel createNodeModel() {
        return new ExpressionPcaPredictorNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ExpressionPcaPredictorNodeModel> createNodeView(int viewIndex,
        ExpressionPcaPredictorNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Expression PCA Predictor has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ExpressionPcaPredictorNodeDialog();
    }
}
