package io.github.scllm.knime.annotate.ontology;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Cell Ontology Reader node. */
public final class CellOntologyReaderNodeFactory extends NodeFactory<CellOntologyReaderNodeModel> {

    @Override
    public CellOntologyReaderNodeModel createNodeModel() {
        return new CellOntologyReaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<CellOntologyReaderNodeModel> createNodeView(int viewIndex, CellOntologyReaderNodeModel model) {
        throw new IndexOutOfBoundsException("Cell Ontology Reader has no views");
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new CellOntologyReaderNodeDialog();
    }
}
