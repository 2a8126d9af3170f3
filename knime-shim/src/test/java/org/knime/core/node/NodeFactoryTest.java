package org.knime.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NodeFactoryTest {

    /** A factory without a description file. */
    static class UndescribedFactory extends NodeFactory<NodeModel> {
        @Override
        public NodeModel createNodeModel() {
            return null;
        }

        @Override
        protected int getNrNodeViews() {
            return 0;
        }

        @Override
        public NodeView<NodeModel> createNodeView(final int viewIndex, final NodeModel nodeModel) {
            return null;
        }

        @Override
        protected boolean hasDialog() {
            return false;
        }

        @Override
        protected NodeDialogPane createNodeDialogPane() {
            return null;
        }
    }

    /** A factory whose description file lies beside it in the test resources. */
    static class DemoNodeFactory extends UndescribedFactory {
    }

    /** Inherits the description of its superclass. */
    static final class Sub extends DemoNodeFactory {
    }

    @Test
    void descriptionGivesNameTypeAndPorts() {
        DemoNodeFactory f = new DemoNodeFactory();
        assertEquals("Demo Learner", f.getNodeName());
        assertEquals(NodeFactory.NodeType.Learner, f.getType());
        assertEquals("Training data", f.getInportName(0));
        assertEquals("The learned model.", f.getOutportDescription(0));
        assertEquals("No name available", f.getOutportName(3));
    }

    @Test
    void subclassWithoutOwnDescriptionUsesItsSuperclassDescription() {
        assertEquals("Demo Learner", new Sub().getNodeName());
    }

    @Test
    void factoryWithoutDescriptionFallsBackToItsClassName() {
        NodeFactory<NodeModel> f = new UndescribedFactory();
        assertEquals("UndescribedFactory", f.getNodeName());
        assertEquals(NodeFactory.NodeType.Unknown, f.getType());
        assertNull(f.getXMLDescription());
    }
}
