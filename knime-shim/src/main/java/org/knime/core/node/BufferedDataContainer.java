package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

/**
 * A row container whose table is a {@link BufferedDataTable}; created by
 * {@link ExecutionContext#createDataContainer(DataTableSpec)}.
 */
public class BufferedDataContainer extends DataContainer {

    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec) {
        super(spec);
    }

    @Override
    public BufferedDataTable getTable() {
        if (m_table == null) {
            List<DataRow> rows = new ArrayList<>();
            for (DataRow r : super.getTable()) {
                rows.add(r);
            }
            m_table = new BufferedDataTable(getTableSpec(), rows);
        }
        return m_table;
    }
}
