package org.knime.core.node.streamable;

/**
 * What the framework may do with a port's data when streaming: whether it may split the rows into partitions that
 * separate operators process independently.
 */
public class PortRole {

    private final boolean m_distributable;

    PortRole(final boolean distributable) {
        m_distributable = distributable;
    }

    /**
     * @return whether the rows may be split into independently processed partitions
     */
    public boolean isDistributable() {
        return m_distributable;
    }
}
