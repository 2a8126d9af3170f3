package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowIterator;
import org.knime.core.util.DuplicateKeyException;

/**
 * Collects rows for a table of a fixed spec. Rows must have as many cells as the spec has columns, cells must fit the
 * column types and row keys must be unique. Close the container before reading its table.
 */
public class DataContainer implements AutoCloseable {

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final Set<String> m_keys = new HashSet<>();

    private boolean m_closed;

    /**
     * @param spec the spec of the table to build, not null
     * @throws NullPointerException if the spec is null
     */
    public DataContainer(final DataTableSpec spec) {
        if (spec == null) {
            throw new NullPointerException("Table spec must not be null.");
        }
        m_spec = spec;
    }

    /**
     * @param row the row to append, not null
     * @throws IllegalStateException if the container is closed
     * @throws IllegalArgumentException if the row's cell count or a cell type does not match the spec
     * @throws DuplicateKeyException if a row with the same key was added before
     */
    public void addRowToTable(final DataRow row) {
        if (m_closed) {
            throw new IllegalStateException("Cannot add row \"" + row.getKey() + "\": the container is closed.");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Row \"" + row.getKey() + "\" has " + row.getNumCells()
                + " cells but the table spec has " + m_spec.getNumColumns() + " columns.");
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            DataCell c = row.getCell(i);
            if (c == null) {
                throw new IllegalArgumentException("Cell " + i + " of row \"" + row.getKey() + "\" is null.");
            }
            DataType colType = m_spec.getColumnSpec(i).getType();
            if (!c.isMissing() && !colType.getCellClass().isAssignableFrom(c.getClass())) {
                throw new IllegalArgumentException("Cell of type " + c.getType() + " in row \"" + row.getKey()
                    + "\" does not fit column \"" + m_spec.getColumnSpec(i).getName() + "\" of type " + colType
                    + ".");
            }
        }
        String key = row.getKey().getString();
        if (!m_keys.add(key)) {
            throw new DuplicateKeyException(key);
        }
        m_rows.add(row);
    }

    /** Closes the container; no more rows can be added. Closing twice has no effect. */
    @Override
    public void close() {
        m_closed = true;
    }

    /**
     * @return whether rows can still be added
     */
    public boolean isOpen() {
        return !m_closed;
    }

    /**
     * @return whether the container was closed
     */
    public boolean isClosed() {
        return m_closed;
    }

    /**
     * @return the number of rows added so far
     */
    public long size() {
        return m_rows.size();
    }

    /**
     * @return the spec of the table being built
     */
    public DataTableSpec getTableSpec() {
        return m_spec;
    }

    /**
     * @return the table, iterable any number of times
     * @throws IllegalStateException if the container is still open
     */
    public DataTable getTable() {
        if (!m_closed) {
            throw new IllegalStateException("Close the container before reading its table.");
        }
        List<DataRow> rows = Collections.unmodifiableList(m_rows);
        return new DataTable() {
            @Override
            public DataTableSpec getDataTableSpec() {
                return m_spec;
            }

            @Override
            public RowIterator iterator() {
                var it = rows.iterator();
                return new RowIterator() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public DataRow next() {
                        return it.next();
                    }
                };
            }
        };
    }
}
