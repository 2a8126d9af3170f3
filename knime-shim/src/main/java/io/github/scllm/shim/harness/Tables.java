package io.github.scllm.shim.harness;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;

/**
 * Builds input tables for node tests and reads tables back as rows.
 */
public final class Tables {

    private Tables() {
    }

    /**
     * @param namesAndTypes alternating column names (String) and types ({@link DataType})
     * @return the spec
     * @throws IllegalArgumentException if the arguments do not alternate name and type or names repeat
     */
    public static DataTableSpec spec(final Object... namesAndTypes) {
        if (namesAndTypes.length % 2 != 0) {
            throw new IllegalArgumentException("Expected alternating column names and types, got an odd count.");
        }
        var cols = new ArrayList<org.knime.core.data.DataColumnSpec>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            if (!(namesAndTypes[i] instanceof String name) || !(namesAndTypes[i + 1] instanceof DataType type)) {
                throw new IllegalArgumentException("Argument pair " + i / 2 + " is not (String name, DataType type).");
            }
            cols.add(new DataColumnSpecCreator(name, type).createSpec());
        }
        return new DataTableSpec(cols.toArray(org.knime.core.data.DataColumnSpec[]::new));
    }

    /**
     * @param spec the table spec
     * @param rows the rows, matching the spec, with unique keys
     * @return the table
     * @throws IllegalArgumentException if a row does not fit the spec
     * @throws org.knime.core.util.DuplicateKeyException if row keys repeat
     */
    public static BufferedDataTable table(final DataTableSpec spec, final DataRow... rows) {
        return table(spec, List.of(rows));
    }

    /**
     * @param spec the table spec
     * @param rows the rows, matching the spec, with unique keys
     * @return the table
     */
    public static BufferedDataTable table(final DataTableSpec spec, final List<? extends DataRow> rows) {
        BufferedDataContainer c = new RecordingExecution().context().createDataContainer(spec);
        for (DataRow r : rows) {
            c.addRowToTable(r);
        }
        c.close();
        return c.getTable();
    }

    /**
     * @param key the row key
     * @param cells the cells
     * @return a row
     */
    public static DataRow row(final String key, final DataCell... cells) {
        return new DefaultRow(key, cells);
    }

    /**
     * @param table a table
     * @return its rows in order
     */
    public static List<DataRow> rows(final BufferedDataTable table) {
        List<DataRow> rows = new ArrayList<>();
        try (var it = table.iterator()) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }
}
