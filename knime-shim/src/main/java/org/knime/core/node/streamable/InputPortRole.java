package org.knime.core.node.streamable;

/**
 * The role of an input port when streaming: streamable (read row by row through a {@link RowInput}) or not (given
 * whole as a {@link PortObjectInput}), and distributable or not.
 */
public final class InputPortRole extends PortRole {

    /** Read row by row; the rows may be split into partitions. */
    public static final InputPortRole DISTRIBUTED_STREAMABLE = new InputPortRole(true, true);

    /** Given whole; each partition's operator sees the whole input. */
    public static final InputPortRole DISTRIBUTED_NONSTREAMABLE = new InputPortRole(true, false);

    /** Read row by row by a single operator. */
    public static final InputPortRole NONDISTRIBUTED_STREAMABLE = new InputPortRole(false, true);

    /** Given whole to a single operator (the default of every node). */
    public static final InputPortRole NONDISTRIBUTED_NONSTREAMABLE = new InputPortRole(false, false);

    private final boolean m_streamable;

    private InputPortRole(final boolean distributable, final boolean streamable) {
        super(distributable);
        m_streamable = streamable;
    }

    /**
     * @return whether the input is read row by row
     */
    public boolean isStreamable() {
        return m_streamable;
    }

    /**
     * @param distributable whether the rows may be split into partitions
     * @param streamable whether the input is read row by row
     * @return the matching constant
     */
    public static InputPortRole get(final boolean distributable, final boolean streamable) {
        if (distributable) {
            return streamable ? DISTRIBUTED_STREAMABLE : DISTRIBUTED_NONSTREAMABLE;
        }
        return streamable ? NONDISTRIBUTED_STREAMABLE : NONDISTRIBUTED_NONSTREAMABLE;
    }
}
