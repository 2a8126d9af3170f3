package org.knime.core.node.streamable;

/**
 * An input of a streamable operator: a {@link RowInput} for a streamed table port, else a {@link PortObjectInput}.
 */
public abstract class PortInput {

    /** Creates an input. */
    public PortInput() {
    }
}
