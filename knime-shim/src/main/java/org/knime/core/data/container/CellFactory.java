package org.knime.core.data.container;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;
import org.knime.core.node.ExecutionMonitor;

/**
 * Computes new cells for each row of a table, used with {@link ColumnRearranger}.
 */
public interface CellFactory {

    /**
     * Computes the new cells; implement this or {@link #getCells(DataRow, long)}.
     *
     * @param row the input row
     * @return one cell per column spec of {@link #getColumnSpecs()}
     */
    default DataCell[] getCells(final DataRow row) {
        throw new UnsupportedOperationException(getClass().getName()
            + " overrides neither getCells(DataRow) nor getCells(DataRow, long).");
    }

    /**
     * @param row the input row
     * @param rowIndex zero-based index of the row
     * @return one cell per column spec
     */
    default DataCell[] getCells(final DataRow row, final long rowIndex) {
        return getCells(row);
    }

    /**
     * @return the specs of the new columns
     */
    DataColumnSpec[] getColumnSpecs();

    /**
     * @param curRowNr rows processed so far
     * @param rowCount total rows
     * @param lastKey key of the last processed row
     * @param exec where progress goes
     * @deprecated use {@link #setProgress(long, long, RowKey, ExecutionMonitor)}
     */
    @Deprecated
    void setProgress(int curRowNr, int rowCount, RowKey lastKey, ExecutionMonitor exec);

    /**
     * @param curRowNr rows processed so far
     * @param rowCount total rows
     * @param lastKey key of the last processed row
     * @param exec where progress goes
     */
    @SuppressWarnings("deprecation")
    default void setProgress(final long curRowNr, final long rowCount, final RowKey lastKey,
        final ExecutionMonitor exec) {
        setProgress((int)Math.min(Integer.MAX_VALUE, curRowNr), (int)Math.min(Integer.MAX_VALUE, rowCount), lastKey,
            exec);
    }
}
