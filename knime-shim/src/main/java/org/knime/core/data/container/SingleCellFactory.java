package org.knime.core.data.container;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;

/**
 * A cell factory producing exactly one new column.
 */
public abstract class SingleCellFactory extends AbstractCellFactory {

    /**
     * @param newColSpec the new column
     */
    public SingleCellFactory(final DataColumnSpec newColSpec) {
        super(newColSpec);
    }

    /**
     * @param processConcurrently whether rows may be computed concurrently
     * @param newColSpec the new column
     */
    public SingleCellFactory(final boolean processConcurrently, final DataColumnSpec newColSpec) {
        super(processConcurrently, newColSpec);
    }

    /**
     * Computes the cell; override this or {@link #getCell(DataRow, long)}.
     *
     * @param row the input row
     * @return the new cell
     */
    public DataCell getCell(final DataRow row) {
        throw new UnsupportedOperationException(getClass().getName()
            + " overrides neither getCell(DataRow) nor getCell(DataRow, long).");
    }

    /**
     * @param row the input row
     * @param rowIndex zero-based row index
     * @return the new cell
     */
    public DataCell getCell(final DataRow row, final long rowIndex) {
        return getCell(row);
    }

    @Override
    public DataCell[] getCells(final DataRow row, final long rowIndex) {
        return new DataCell[]{getCell(row, rowIndex)};
    }
}
