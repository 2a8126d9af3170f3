package org.knime.core.node;

import java.awt.Component;

/**
 * A Swing view on a node model.
 *
 * @param <T> the node model class
 */
public abstract class NodeView<T extends NodeModel> {

    private final T m_model;

    private Component m_component;

    /**
     * @param nodeModel the viewed model, not null
     * @throws NullPointerException if the model is null
     */
    protected NodeView(final T nodeModel) {
        if (nodeModel == null) {
            throw new NullPointerException("Node model must not be null.");
        }
        m_model = nodeModel;
    }

    /**
     * @return the viewed model
     */
    protected T getNodeModel() {
        return m_model;
    }

    /**
     * @param comp the view's content
     */
    protected void setComponent(final Component comp) {
        m_component = comp;
    }

    /**
     * @return the view's content, or null
     */
    protected Component getComponent() {
        return m_component;
    }

    /** Called when the model changed. */
    protected abstract void modelChanged();

    /** Called when the view opens. */
    protected abstract void onOpen();

    /** Called when the view closes. */
    protected abstract void onClose();
}
