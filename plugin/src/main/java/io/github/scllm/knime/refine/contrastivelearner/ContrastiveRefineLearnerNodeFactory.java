package io.github.scllm.knime.refine.contrastivelearner;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Contrastive Refine Learner node. */
public final class ContrastiveRefineLearnerNodeFactory extends NodeFactory<ContrastiveRefineLearnerNodeModel> {

    @Override
    public ContrastiveRefineLearnerNodeModel createNodeModel() {
        return new ContrastiveRefineLearnerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<ContrastiveRefineLearnerNodeModel> createNodeView(int viewIndex,
        ContrastiveRefineLearnerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Contrastive Refine Learner has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ContrastiveRefineLearnerNodeDialog();
    }
}
