package io.github.scllm.knime.classify.scorer;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Annotation Scorer node. */
public final class AnnotationScorerNodeFactory extends NodeFactory<AnnotationScorerNodeModel> {

    @Override
    public AnnotationScorerNodeModel createNodeModel() {
        return new AnnotationScorerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<AnnotationScorerNodeModel> createNodeView(int viewIndex,
        AnnotationScorerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Annotation Scorer has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new AnnotationScorerNodeDialog();
    }
}
