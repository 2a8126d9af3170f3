package org.knime.core.node.streamable;

/**
 * The role of an output port when streaming: distributed when each partition's operator writes the rows of its own
 * partition (the framework concatenates them in partition order), non-distributed when one operator writes all.
 */
public final class OutputPortRole extends PortRole {

    /** Each partition writes its own rows. */
    public static final OutputPortRole DISTRIBUTED = new OutputPortRole(true);

    /** One operator writes the whole output (the default of every node). */
    public static final OutputPortRole NONDISTRIBUTED = new OutputPortRole(false);

    private OutputPortRole(final boolean distributable) {
        super(distributable);
    }
}
