package io.github.scllm.knime.embed.llmembed;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the LLM Embed node. */
public final class LlmEmbedNodeFactory extends NodeFactory<LlmEmbedNodeModel> {

    @Override
    public LlmEmbedNodeModel createNodeModel() {
        return new LlmEmbedNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<LlmEmbedNodeModel> createNodeView(int viewIndex, LlmEmbedNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("LLM Embed has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new LlmEmbedNodeDialog();
    }
}
