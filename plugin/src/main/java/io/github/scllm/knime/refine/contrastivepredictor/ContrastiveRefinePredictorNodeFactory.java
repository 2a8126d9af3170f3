package io.github.scllm.knime.refine.contrastivepredictor;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Contrastive Refine Predictor node. */
public final class ContrastiveRefinePredictorNodeFactory extends NodeFactory<ContrastiveRefinePredictorNodeModel> {

    @Override
    public ContrastiveRefinePredictorNodeModel createNodeModel() {
        return new ContrastiveRefinePredictorNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ContrastiveRefinePredictorNodeModel> createNodeView(int viewIndex,
        ContrastiveRefinePredictorNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Contrastive Refine Predictor has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastiveRefinePredictorNodeDialog();
    }
}
