package org.knime.core.node.streamable;

import org.knime.core.node.port.PortObject;

/**
 * A port that is not streamed: its whole object.
 */
public class PortObjectInput extends PortInput {

    private final PortObject m_portObject;

    /**
     * @param portObject the port's object
     */
    public PortObjectInput(final PortObject portObject) {
        m_portObject = portObject;
    }

    /**
     * @return the port's object
     */
    public PortObject getPortObject() {
        return m_portObject;
    }
}
