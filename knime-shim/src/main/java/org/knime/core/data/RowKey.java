package org.knime.core.data;

import java.util.Objects;

/**
 * The identifier of a row, unique within a table.
 */
public final class RowKey {

    private final String m_id;

    /**
     * @param id the row identifier, not null
     * @throws NullPointerException if the identifier is null
     */
    public RowKey(final String id) {
        m_id = Objects.requireNonNull(id, "row key");
    }

    /**
     * @param rowIndex a zero-based row index
     * @return the key {@code Row<index>}
     */
    public static RowKey createRowKey(final long rowIndex) {
        return new RowKey("Row" + rowIndex);
    }

    /**
     * @param rowIndex a zero-based row index
     * @return the key {@code Row<index>}
     * @deprecated use {@link #createRowKey(long)}
     */
    @Deprecated
    public static RowKey createRowKey(final int rowIndex) {
        return createRowKey((long)rowIndex);
    }

    /**
     * @return the identifier
     */
    public String getString() {
        return m_id;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof RowKey k && k.m_id.equals(m_id);
    }

    @Override
    public int hashCode() {
        return m_id.hashCode();
    }

    @Override
    public String toString() {
        return m_id;
    }
}
