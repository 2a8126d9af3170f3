package org.knime.core.node.streamable;

import org.knime.core.node.port.PortObject;

/**
 * An output port that is not streamed: the operator sets its whole object.
 */
public class PortObjectOutput extends PortOutput {

    private PortObject m_portObject;

    /** Creates an output without an object. */
    public PortObjectOutput() {
    }

    /**
     * @param portObject the port's object
     */
    public void setPortObject(final PortObject portObject) {
        m_portObject = portObject;
    }

    /**
     * @return the object set last, or null
     */
    public PortObject getPortObject() {
        return m_portObject;
    }
}
