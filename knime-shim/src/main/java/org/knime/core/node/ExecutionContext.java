package org.knime.core.node;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.container.AbstractCellFactory;
import org.knime.core.data.container.CellFactory;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.util.DuplicateKeyException;

/**
 * The execution monitor handed to a node's execute; it also creates tables.
 */
public class ExecutionContext extends ExecutionMonitor {

    ExecutionContext(final NodeProgressMonitor progress) {
        super(progress);
    }

    /**
     * @param spec the spec of the table to build
     * @return an open container
     */
    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    /**
     * @param spec the spec of the table to build
     * @param initDomain whether the domain of the spec is taken as initial domain (ignored here)
     * @return an open container
     */
    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain) {
        return new BufferedDataContainer(spec);
    }

    /**
     * @param table any table
     * @param subProgressMon for progress and cancellation
     * @return a buffered copy
     * @throws CanceledExecutionException if cancelled
     */
    public BufferedDataTable createBufferedDataTable(final DataTable table, final ExecutionMonitor subProgressMon)
        throws CanceledExecutionException {
        BufferedDataContainer c = createDataContainer(table.getDataTableSpec());
        for (DataRow r : table) {
            subProgressMon.checkCanceled();
            c.addRowToTable(r);
        }
        c.close();
        return c.getTable();
    }

    /**
     * @param in the table
     * @param newSpec a spec with the same number of columns and compatible types
     * @return the rows of {@code in} under the new spec
     * @throws IllegalArgumentException if the column counts differ
     */
    public BufferedDataTable createSpecReplacerTable(final BufferedDataTable in, final DataTableSpec newSpec) {
        if (newSpec.getNumColumns() != in.getDataTableSpec().getNumColumns()) {
            throw new IllegalArgumentException("The new spec has " + newSpec.getNumColumns()
                + " columns but the table has " + in.getDataTableSpec().getNumColumns() + ".");
        }
        List<DataRow> rows = new ArrayList<>();
        in.forEach(rows::add);
        return new BufferedDataTable(newSpec, rows);
    }

    /**
     * Concatenates tables row-wise; columns missing in a table are filled with missing cells.
     *
     * @param exec for cancellation and progress
     * @param tables the tables, at least one
     * @return the concatenated table
     * @throws CanceledExecutionException if cancelled
     * @throws IllegalArgumentException if no table is given, a column has different types, or row keys repeat
     */
    public BufferedDataTable createConcatenateTable(final ExecutionMonitor exec, final BufferedDataTable... tables)
        throws CanceledExecutionException {
        if (tables == null || tables.length == 0) {
            throw new IllegalArgumentException("At least one table is needed for concatenation.");
        }
        LinkedHashMap<String, DataColumnSpec> cols = new LinkedHashMap<>();
        for (BufferedDataTable t : tables) {
            for (DataColumnSpec c : t.getDataTableSpec()) {
                DataColumnSpec prev = cols.putIfAbsent(c.getName(), c);
                if (prev != null && !prev.getType().equals(c.getType())) {
                    throw new IllegalArgumentException("Column \"" + c.getName() + "\" has type " + prev.getType()
                        + " in one table and " + c.getType() + " in another.");
                }
            }
        }
        DataTableSpec spec = new DataTableSpec(tables[0].getDataTableSpec().getName(),
            cols.values().toArray(DataColumnSpec[]::new));
        BufferedDataContainer c = createDataContainer(spec);
        long total = Arrays.stream(tables).mapToLong(BufferedDataTable::size).sum();
        long done = 0;
        for (BufferedDataTable t : tables) {
            int[] map = new int[spec.getNumColumns()];
            for (int i = 0; i < map.length; i++) {
                map[i] = t.getDataTableSpec().findColumnIndex(spec.getColumnSpec(i).getName());
            }
            for (DataRow r : t) {
                exec.checkCanceled();
                DataCell[] cells = new DataCell[map.length];
                for (int i = 0; i < map.length; i++) {
                    cells[i] = map[i] < 0 ? DataType.getMissingCell() : r.getCell(map[i]);
                }
                try {
                    c.addRowToTable(new DefaultRow(r.getKey(), cells));
                } catch (DuplicateKeyException e) {
                    throw new IllegalArgumentException("Row key \"" + e.getKey() + "\" occurs in more than one "
                        + "of the concatenated tables.", e);
                }
                done++;
                exec.setProgress(done / (double)total);
            }
        }
        c.close();
        return c.getTable();
    }

    /**
     * Joins two tables column-wise; both must hold the same row keys in the same order.
     *
     * @param left the first columns
     * @param right the following columns
     * @param exec for cancellation and progress
     * @return the joined table
     * @throws CanceledExecutionException if cancelled
     * @throws IllegalArgumentException if column names repeat or the rows differ
     */
    public BufferedDataTable createJoinedTable(final BufferedDataTable left, final BufferedDataTable right,
        final ExecutionMonitor exec) throws CanceledExecutionException {
        DataTableSpec spec = new DataTableSpec(left.getDataTableSpec(), right.getDataTableSpec());
        if (left.size() != right.size()) {
            throw new IllegalArgumentException("Tables to join have " + left.size() + " and " + right.size()
                + " rows; they must have the same rows.");
        }
        BufferedDataContainer c = createDataContainer(spec);
        var it = right.iterator();
        long done = 0;
        for (DataRow l : left) {
            exec.checkCanceled();
            DataRow r = it.next();
            if (!l.getKey().equals(r.getKey())) {
                throw new IllegalArgumentException("Row " + done + " has key \"" + l.getKey() + "\" in the left and \""
                    + r.getKey() + "\" in the right table; the tables must hold the same rows in the same order.");
            }
            List<DataCell> cells = new ArrayList<>(l.stream().toList());
            cells.addAll(r.stream().toList());
            c.addRowToTable(new DefaultRow(l.getKey(), cells));
            done++;
            exec.setProgress(done / (double)Math.max(1, left.size()));
        }
        c.close();
        return c.getTable();
    }

    /**
     * Applies a column rearranger to every row of a table.
     *
     * @param in the input table
     * @param rearranger describes the output columns; created for the input's spec
     * @param subProgressMon receives progress and is checked for cancellation per row
     * @return the new table
     * @throws CanceledExecutionException if cancelled
     */
    public BufferedDataTable createColumnRearrangeTable(final BufferedDataTable in,
        final ColumnRearranger rearranger, final ExecutionMonitor subProgressMon) throws CanceledExecutionException {
        DataTableSpec outSpec = rearranger.createSpec();
        List<CellFactory> factories = invoke(rearranger, "factories", new Class<?>[0]);
        BufferedDataContainer c = createDataContainer(outSpec);
        long index = 0;
        long size = in.size();
        for (DataRow r : in) {
            subProgressMon.checkCanceled();
            DataRow out = invoke(rearranger, "rearrange", new Class<?>[]{DataRow.class, long.class}, r, index);
            c.addRowToTable(new DefaultRow(out.getKey(), out.stream().toList()));
            index++;
            for (CellFactory f : factories) {
                f.setProgress(index, size, r.getKey(), subProgressMon);
            }
        }
        c.close();
        for (CellFactory f : factories) {
            if (f instanceof AbstractCellFactory acf) {
                acf.afterProcessing();
            }
        }
        return c.getTable();
    }

    @SuppressWarnings("unchecked")
    private static <T> T invoke(final Object target, final String name, final Class<?>[] types,
        final Object... args) {
        try {
            Method m = target.getClass().getDeclaredMethod(name, types);
            m.setAccessible(true);
            return (T)m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Column rearranger internals not reachable: " + name, e);
        }
    }

    /**
     * @param maxProg share of this context's progress range, in [0, 1]
     * @return a context whose progress 1 advances this one by {@code maxProg}
     */
    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(new SubProgressMonitor(getProgressMonitor(), checkShare(maxProg), false));
    }

    /**
     * @param maxProg share of this context's progress range, in [0, 1]
     * @return a sub-context that does not forward messages
     */
    public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
        return new ExecutionContext(new SubProgressMonitor(getProgressMonitor(), checkShare(maxProg), true));
    }
}
