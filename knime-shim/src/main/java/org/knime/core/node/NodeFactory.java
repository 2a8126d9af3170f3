package org.knime.core.node;

import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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

    private boolean m_initialized;

    /** Creates the factory and reads its description. */
    protected NodeFactory() {
        this(false);
    }

    /**
     * @param lazyInitialization whether reading the description waits for {@link #init()}
     */
    protected NodeFactory(final boolean lazyInitialization) {
        if (!lazyInitialization) {
            init();
        }
    }

    /** Reads the node description {@code <FactorySimpleName>.xml} beside the factory class (or a superclass). */
    public synchronized void init() {
        if (m_initialized) {
            return;
        }
        m_initialized = true;
        for (Class<?> c = getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".xml")) {
                if (in != null) {
                    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                    f.setNamespaceAware(true);
                    m_description = f.newDocumentBuilder().parse(in).getDocumentElement();
                    return;
                }
            } catch (Exception e) {
                NodeLogger.getLogger(getClass()).error("Broken node description of " + getClass().getName() + ": "
                    + e.getMessage(), e);
                return;
            }
        }
    }

    private synchronized Element description() {
        init();
        return m_description;
    }

    /**
     * @return the root element of the node description, or null if there is none
     */
    public Element getXMLDescription() {
        return description();
    }

    private Element port(final String kind, final int index) {
        Element d = description();
        if (d == null) {
            return null;
        }
        NodeList ports = d.getElementsByTagNameNS("*", kind);
        for (int i = 0; i < ports.getLength(); i++) {
            Element e = (Element)ports.item(i);
            if (Integer.toString(index).equals(e.getAttribute("index"))) {
                return e;
            }
        }
        return null;
    }

    /**
     * @return the node name from the description, or the factory's simple name without "NodeFactory"
     */
    public final String getNodeName() {
        Element d = description();
        if (d != null) {
            NodeList names = d.getElementsByTagNameNS("*", "name");
            if (names.getLength() > 0) {
                return names.item(0).getTextContent().trim();
            }
        }
        return getClass().getSimpleName().replaceFirst("NodeFactory$", "");
    }

    /**
     * @param index input port index
     * @return the port name from the description
     */
    public String getInportName(final int index) {
        Element p = port("inPort", index);
        return p == null ? "No name available" : p.getAttribute("name");
    }

    /**
     * @param index output port index
     * @return the port name from the description
     */
    public String getOutportName(final int index) {
        Element p = port("outPort", index);
        return p == null ? "No name available" : p.getAttribute("name");
    }

    /**
     * @param index input port index
     * @return the port description text
     */
    public final String getInportDescription(final int index) {
        Element p = port("inPort", index);
        return p == null ? "No description available" : p.getTextContent().trim();
    }

    /**
     * @param index output port index
     * @return the port description text
     */
    public final String getOutportDescription(final int index) {
        Element p = port("outPort", index);
        return p == null ? "No description available" : p.getTextContent().trim();
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
