package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;

/**
 * Describes how to derive a table's columns from an input table: keep, remove, move, replace or append columns, the
 * new ones computed by {@link CellFactory}s. Apply it with
 * {@code ExecutionContext.createColumnRearrangeTable}.
 */
public final class ColumnRearranger {

    /** A column of the result: an input column (factory null) or cell {@code index} of a factory. */
    private record Col(DataColumnSpec spec, CellFactory factory, int index) {
    }

    private final DataTableSpec m_original;

    private final List<Col> m_cols = new ArrayList<>();

    /**
     * @param original the input spec, not null
     */
    public ColumnRearranger(final DataTableSpec original) {
        m_original = original;
        for (int i = 0; i < original.getNumColumns(); i++) {
            m_cols.add(new Col(original.getColumnSpec(i), null, i));
        }
    }

    /**
     * @return the number of result columns
     */
    public int getColumnCount() {
        return m_cols.size();
    }

    /**
     * @param colName a result column name
     * @return its index, or -1
     */
    public int indexOf(final String colName) {
        for (int i = 0; i < m_cols.size(); i++) {
            if (m_cols.get(i).spec().getName().equals(colName)) {
                return i;
            }
        }
        return -1;
    }

    private int checkedIndexOf(final String colName) {
        int i = indexOf(colName);
        if (i < 0) {
            throw new IllegalArgumentException("No column \"" + colName + "\" in the rearranged table.");
        }
        return i;
    }

    private static List<Col> colsOf(final CellFactory fac) {
        DataColumnSpec[] specs = fac.getColumnSpecs();
        List<Col> cols = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            cols.add(new Col(specs[i], fac, i));
        }
        return cols;
    }

    /**
     * @param fac computes the new columns, appended at the end
     */
    public void append(final CellFactory fac) {
        m_cols.addAll(colsOf(fac));
    }

    /**
     * @param position where the new columns start
     * @param fac computes the new columns
     */
    public void insertAt(final int position, final CellFactory fac) {
        m_cols.addAll(position, colsOf(fac));
    }

    /**
     * @param fac computes as many columns as indices are given
     * @param colIndices the columns to replace, in order
     * @throws IllegalArgumentException if the counts differ
     */
    public final void replace(final CellFactory fac, final int... colIndices) {
        List<Col> cols = colsOf(fac);
        if (cols.size() != colIndices.length) {
            throw new IllegalArgumentException("The cell factory produces " + cols.size() + " columns but "
                + colIndices.length + " columns are to be replaced.");
        }
        for (int i = 0; i < colIndices.length; i++) {
            m_cols.set(colIndices[i], cols.get(i));
        }
    }

    /**
     * @param fac computes the replacement column
     * @param colName the column to replace
     * @throws IllegalArgumentException if there is no such column or the factory computes more than one column
     */
    public final void replace(final CellFactory fac, final String colName) {
        replace(fac, checkedIndexOf(colName));
    }

    /**
     * @param colIndices result columns to remove
     */
    public void remove(final int... colIndices) {
        int[] sorted = colIndices.clone();
        Arrays.sort(sorted);
        for (int i = sorted.length - 1; i >= 0; i--) {
            m_cols.remove(sorted[i]);
        }
    }

    /**
     * @param colNames result columns to remove
     * @throws IllegalArgumentException if a column does not exist
     */
    public void remove(final String... colNames) {
        remove(Arrays.stream(colNames).mapToInt(this::checkedIndexOf).toArray());
    }

    /**
     * @param colIndices result columns to keep; all others are removed
     */
    public void keepOnly(final int... colIndices) {
        Set<Col> keep = new LinkedHashSet<>();
        for (int i : colIndices) {
            keep.add(m_cols.get(i));
        }
        m_cols.retainAll(keep);
    }

    /**
     * @param colNames result columns to keep; all others are removed
     */
    public void keepOnly(final String... colNames) {
        keepOnly(Arrays.stream(colNames).mapToInt(this::checkedIndexOf).toArray());
    }

    /**
     * @param from current index
     * @param to new index
     */
    public void move(final int from, final int to) {
        Col c = m_cols.remove(from);
        m_cols.add(Math.min(to, m_cols.size()), c);
    }

    /**
     * @return the spec of the rearranged table
     * @throws IllegalArgumentException if result column names repeat
     */
    public DataTableSpec createSpec() {
        return new DataTableSpec(m_original.getName(), m_cols.stream().map(Col::spec).toArray(DataColumnSpec[]::new));
    }

    /** Computes one result row; called reflectively by the execution context. */
    @SuppressWarnings("unused")
    private DataRow rearrange(final DataRow in, final long rowIndex) {
        Map<CellFactory, DataCell[]> computed = new IdentityHashMap<>();
        DataCell[] out = new DataCell[m_cols.size()];
        for (int i = 0; i < out.length; i++) {
            Col c = m_cols.get(i);
            if (c.factory() == null) {
                out[i] = in.getCell(c.index());
            } else {
                DataCell[] cells = computed.computeIfAbsent(c.factory(), f -> f.getCells(in, rowIndex));
                if (cells == null || cells.length != c.factory().getColumnSpecs().length) {
                    throw new IllegalStateException("Cell factory " + c.factory().getClass().getName()
                        + " returned " + (cells == null ? "null" : cells.length + " cells") + " for row \""
                        + in.getKey() + "\", expected " + c.factory().getColumnSpecs().length + ".");
                }
                out[i] = cells[c.index()];
            }
        }
        return new DefaultRow(in.getKey(), out);
    }

    /** The distinct cell factories in use; called reflectively by the execution context. */
    @SuppressWarnings("unused")
    private List<CellFactory> factories() {
        Set<CellFactory> f = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<CellFactory> result = new ArrayList<>();
        for (Col c : m_cols) {
            if (c.factory() != null && f.add(c.factory())) {
                result.add(c.factory());
            }
        }
        return result;
    }
}
