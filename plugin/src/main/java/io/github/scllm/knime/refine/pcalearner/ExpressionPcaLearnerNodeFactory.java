package io.github.scllm.knime.refine.pcalearner;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Expression PCA Learner node. */
public final class ExpressionPcaLearnerNodeFactory extends NodeFactory<ExpressionPcaLearnerNodeModel> {

    @Override
    public ExpressionPcaLearnerNodeModel createNodeModel() {
        return new ExpressionPcaLearnerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ExpressionPcaLearnerNodeModel> createNodeView(int viewIndex,
        ExpressionPcaLearnerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Expression PCA Learner has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ExpressionPcaLearnerNodeDialog();
    }
}
