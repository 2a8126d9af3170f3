package org.knime.core.node;

import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * Creates a node's model, views and dialog; its description is the XML file named after the factory class beside it.
 *
 * @param <T> the node model class
 */
public abstract class NodeFactory<T extends NodeModel> {

    /** The kinds of nodes, as used in node descriptions. */
    public enum NodeType {
        /** Reads data. */
        Source,
        /** Writes data. */
        Sink,
        /** Learns a model. */
        Learner,
        /** Applies a model. */
        Predictor,
        /** Transforms data. */
        Manipulator,
        /** Shows data. */
        Visualizer,
        /** A widget. */
        Widget,
        /** A metanode. */
        Meta,
        /** Starts a loop. */
        LoopStart,
        /** Ends a loop. */
        LoopEnd,
        /** Starts a scope. */
        ScopeStart,
        /** Ends a scope. */
        ScopeEnd,
        /** A quick form. */
        QuickForm,
        /** A configuration node. */
        Configuration,
        /** Anything else. */
        Other,
        /** A placeholder for a missing node. */
        Missing,
        /** Unknown kind. */
        Unknown,
        /** A component. */
        Subnode,
        /** A component's virtual input. */
        VirtualIn,
        /** A component's virtual output. */
        VirtualOut,
        /** A container node. */
        Container
    }

    private Element m_description;

    private boolean m_descriptionRead;

    /** Creates the factory. */
    protected NodeFactory() {
    }

    /**
     * @param lazyInitialization whether the description is read on first use (it always is here)
     */
    protected NodeFactory(final boolean lazyInitialization) {
    }

    /**
     * @return a new node model
     */
    public abstract T createNodeModel();

    /**
     * @return the number of views
     */
    protected abstract int getNrNodeViews();

    /**
     * @param viewIndex the view index
     * @param nodeModel the model to view
     * @return the view
     */
    public abstract NodeView<T> createNodeView(int viewIndex, T nodeModel);

    /**
     * @return whether the node has a dialog
     */
    protected abstract boolean hasDialog();

    /**
     * @return the dialog
     */
    protected abstract NodeDialogPane createNodeDialogPane();

    private synchronized Element description() {
        if (!m_descriptionRead) {
            m_descriptionRead = true;
            try (InputStream in = getClass().getResourceAsStream(getClass().getSimpleName() + ".xml")) {
                if (in != null) {
                    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                    f.setNamespaceAware(true);
                    m_description = f.newDocumentBuilder().parse(in).getDocumentElement();
                }
            } catch (Exception e) {
                NodeLogger.getLogger(getClass()).coding("Cannot read node description of " + getClass().getName(), e);
            }
        }
        return m_description;
    }

    /**
     * @return the node name from the description, or the factory's simple name without "NodeFactory"
     */
    public String getNodeName() {
        Element d = description();
        if (d != null) {
            var names = d.getElementsByTagNameNS("*", "name");
            if (names.getLength() > 0) {
                return names.item(0).getTextContent().trim();
            }
        }
        return getClass().getSimpleName().replaceFirst("NodeFactory$", "");
    }

    /**
     * @return the node type from the description, {@link NodeType#Unknown} if it has none
     */
    public NodeType getType() {
        Element d = description();
        if (d != null && d.hasAttribute("type")) {
            try {
                return NodeType.valueOf(d.getAttribute("type"));
            } catch (IllegalArgumentException e) {
                return NodeType.Unknown;
            }
        }
        return NodeType.Unknown;
    }
}
