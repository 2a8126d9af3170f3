package org.knime.core.node.streamable;

/**
 * An output of a streamable operator: a {@link RowOutput} for a table port, else a {@link PortObjectOutput}.
 */
public abstract class PortOutput {

    /** Creates an output. */
    public PortOutput() {
    }
}
