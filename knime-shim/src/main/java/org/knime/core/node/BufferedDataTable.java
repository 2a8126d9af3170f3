package org.knime.core.node;

import java.util.Iterator;
import java.util.List;

import javax.swing.JComponent;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * An immutable table passed between nodes; iterable any number of times. Created by {@link ExecutionContext}.
 */
public final class BufferedDataTable implements DataTable, PortObject {

    /** The port type of data tables. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class);

    /** The port type of optional data table inputs. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class, true);

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows;

    BufferedDataTable(final DataTableSpec spec, final List<DataRow> rows) {
        m_spec = spec;
        m_rows = List.copyOf(rows);
    }

    @Override
    public DataTableSpec getDataTableSpec() {
        return m_spec;
    }

    @Override
    public DataTableSpec getSpec() {
        return m_spec;
    }

    /**
     * @return the number of rows
     */
    public long size() {
        return m_rows.size();
    }

    /**
     * @return the number of rows, capped at {@link Integer#MAX_VALUE}
     * @deprecated use {@link #size()}
     */
    @Deprecated
    public int getRowCount() {
        return (int)Math.min(Integer.MAX_VALUE, size());
    }

    @Override
    public CloseableRowIterator iterator() {
        Iterator<DataRow> it = m_rows.iterator();
        return new CloseableRowIterator() {
            private boolean m_open = true;

            @Override
            public boolean hasNext() {
                return m_open && it.hasNext();
            }

            @Override
            public DataRow next() {
                if (!m_open) {
                    throw new java.util.NoSuchElementException("The row iterator was closed.");
                }
                return it.next();
            }

            @Override
            public void close() {
                m_open = false;
            }
        };
    }

    @Override
    public String getSummary() {
        return "Rows: " + size() + ", Cols: " + m_spec.getNumColumns();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
