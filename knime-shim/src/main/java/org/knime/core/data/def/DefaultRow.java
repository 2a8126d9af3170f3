package org.knime.core.data.def;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/**
 * An immutable row holding a copy of the given cells.
 */
public class DefaultRow implements DataRow {

    private final RowKey m_key;

    private final DataCell[] m_cells;

    /**
     * @param rowKey the key, not null
     * @param cells the cells, none null
     * @throws NullPointerException if the key or a cell is null
     */
    public DefaultRow(final RowKey rowKey, final DataCell... cells) {
        if (rowKey == null) {
            throw new NullPointerException("Row key must not be null.");
        }
        m_key = rowKey;
        m_cells = cells.clone();
        for (int i = 0; i < m_cells.length; i++) {
            if (m_cells[i] == null) {
                throw new NullPointerException("Cell " + i + " of row \"" + rowKey + "\" is null; use a missing cell.");
            }
        }
    }

    /**
     * @param rowKey the key, not null
     * @param cells the cells, none null
     */
    public DefaultRow(final RowKey rowKey, final List<? extends DataCell> cells) {
        this(rowKey, cells.toArray(new DataCell[0]));
    }

    /**
     * @param rowKey the key, not null
     * @param cells the cells, none null
     */
    public DefaultRow(final String rowKey, final DataCell... cells) {
        this(new RowKey(rowKey), cells);
    }

    /**
     * @param rowKey the key, not null
     * @param cells the cells, none null
     */
    public DefaultRow(final String rowKey, final List<? extends DataCell> cells) {
        this(new RowKey(rowKey), cells);
    }

    /**
     * @param rowKey the key, not null
     * @param doubles values wrapped as double cells
     */
    public DefaultRow(final RowKey rowKey, final double... doubles) {
        this(rowKey, Arrays.stream(doubles).mapToObj(DoubleCell::new).toArray(DataCell[]::new));
    }

    /**
     * @param rowKey the key, not null
     * @param ints values wrapped as int cells
     */
    public DefaultRow(final RowKey rowKey, final int... ints) {
        this(rowKey, Arrays.stream(ints).mapToObj(IntCell::new).toArray(DataCell[]::new));
    }

    /**
     * @param rowKey the key, not null
     * @param strings values wrapped as string cells
     */
    public DefaultRow(final RowKey rowKey, final String... strings) {
        this(rowKey, Arrays.stream(strings).map(StringCell::new).toArray(DataCell[]::new));
    }

    @Override
    public int getNumCells() {
        return m_cells.length;
    }

    @Override
    public RowKey getKey() {
        return m_key;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_cells[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return List.of(m_cells).iterator();
    }

    @Override
    public String toString() {
        return m_key + ": " + Arrays.toString(m_cells);
    }
}
