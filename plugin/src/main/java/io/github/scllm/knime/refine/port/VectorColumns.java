package io.github.scllm.knime.refine.port;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;

import io.github.scllm.knime.embed.EmbeddingColumns;

/**
 * Vector columns ({@link DoubleVectorValue}) between KNIME tables and the engine's float arrays: column checks for
 * configure, reading with row-named errors, and appending result columns.
 */
public final class VectorColumns {
    /** Rows between two cancel checks and progress reports. */
    private static final int CHECK_EVERY = 1000;

    private VectorColumns() {
    }

    /**
     * Vectors and labels read from a table.
     *
     * @param blocks one matrix per vector column, rows in table order
     * @param dimensions the dimension of each vector column
     * @param labels the label of each row, or null when no label column was read
     */
    public record Read(List<float[][]> blocks, int[] dimensions, String[] labels) {
        /** @return number of rows read */
        public int rows() {
            return blocks.get(0).length;
        }
    }

    /** @return the names of the columns holding vectors, in table order */
    public static List<String> candidates(DataTableSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec != null) {
            for (DataColumnSpec c : spec) {
                if (c.getType().isCompatible(DoubleVectorValue.class)) {
                    out.add(c.getName());
                }
            }
        }
        return out;
    }

    /**
     * @param spec a table spec
     * @param names the chosen vector columns
     * @param table what the table is called in messages ("input table", "query table")
     * @return the column indices
     * @throws InvalidSettingsException if none is chosen or a column is missing or holds no vectors
     */
    public static int[] indices(DataTableSpec spec, String[] names, String table) throws InvalidSettingsException {
        if (names == null || names.length == 0) {
            throw new InvalidSettingsException("No vector column selected: choose one or more vector columns of the "
                + table + " " + candidates(spec) + " in the dialog.");
        }
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            int c = spec.findColumnIndex(names[i]);
            if (c < 0) {
                throw new InvalidSettingsException("The " + table + " has no column '" + names[i]
                    + "'. Vector columns available: " + candidates(spec) + ".");
            }
            if (!spec.getColumnSpec(c).getType().isCompatible(DoubleVectorValue.class)) {
                throw new InvalidSettingsException("Column '" + names[i] + "' of the " + table + " holds "
                    + spec.getColumnSpec(c).getType() + ", not vectors. Vector columns available: "
                    + candidates(spec) + ".");
            }
            out[i] = c;
        }
        return out;
    }

    /**
     * @param spec a table spec
     * @param name the chosen label column
     * @param table what the table is called in messages
     * @return the column index
     * @throws InvalidSettingsException if no column is chosen, it is missing or holds no text
     */
    public static int labelIndex(DataTableSpec spec, String name, String table) throws InvalidSettingsException {
        if (name == null || name.isBlank()) {
            throw new InvalidSettingsException("No label column selected: choose the column of the " + table
                + " that holds the cell type labels.");
        }
        int c = spec.findColumnIndex(name);
        if (c < 0) {
            throw new InvalidSettingsException("The " + table + " has no label column '" + name + "'; choose one "
                + "of its string columns.");
        }
        if (!spec.getColumnSpec(c).getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("The label column '" + name + "' of the " + table + " holds "
                + spec.getColumnSpec(c).getType() + ", not text: convert it with Number To String or choose "
                + "another column.");
        }
        return c;
    }

    /**
     * @return the dimension a vector column announces: its dimension property (set by every node of ours that
     *         creates vector columns), else the number of its element names, else -1
     */
    public static int announcedDimension(DataColumnSpec column) {
        String property = column.getProperties().getProperty(EmbeddingColumns.DIMENSION);
        if (property != null) {
            try {
                return Integer.parseInt(property.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        List<String> names = column.getElementNames();
        return names == null || names.isEmpty() ? -1 : names.size();
    }

    /**
     * Reads vector columns (and optionally a label column) completely.
     *
     * @param data the table
     * @param columns indices of the vector columns
     * @param labelColumn index of the label column, or -1
     * @param expected dimensions the vectors must have (e.g. a model's), or null to take them from the first row
     * @param table what the table is called in messages
     * @param exec progress and cancellation
     * @return the vectors, dimensions and labels
     * @throws KNIMEException naming row and column if a vector or label is missing or a dimension differs
     * @throws CanceledExecutionException if cancelled
     */
    public static Read read(BufferedDataTable data, int[] columns, int labelColumn, int[] expected, String table,
        ExecutionMonitor exec) throws KNIMEException, CanceledExecutionException {
        DataTableSpec spec = data.getDataTableSpec();
        int n = Math.toIntExact(data.size());
        if (n == 0) {
            throw new KNIMEException("The " + table + " has no rows.");
        }
        List<float[][]> blocks = new ArrayList<>();
        for (int b = 0; b < columns.length; b++) {
            blocks.add(new float[n][]);
        }
        int[] dims = expected != null ? expected.clone() : new int[columns.length];
        if (expected == null) {
            java.util.Arrays.fill(dims, -1);
        }
        String[] labels = labelColumn >= 0 ? new String[n] : null;
        try (CloseableRowIterator it = data.iterator()) {
            for (int i = 0; i < n; i++) {
                DataRow row = it.next();
                if (i % CHECK_EVERY == 0) {
                    exec.checkCanceled();
                    final int done = i;
                    exec.setProgress(i / (double) n, () -> "Reading row " + done + " of " + n + " of the " + table);
                }
                for (int b = 0; b < columns.length; b++) {
                    String col = spec.getColumnSpec(columns[b]).getName();
                    DataCell cell = row.getCell(columns[b]);
                    if (cell.isMissing()) {
                        throw new KNIMEException(where(row, i, table) + " has no vector in column '" + col
                            + "': remove rows with missing vectors first (Row Filter or Missing Value node).");
                    }
                    DoubleVectorValue v = (DoubleVectorValue) cell;
                    int len = v.getLength();
                    if (dims[b] < 0) {
                        dims[b] = len;
                    } else if (len != dims[b]) {
                        throw new KNIMEException(where(row, i, table) + ": the vector in column '" + col + "' has "
                            + len + " dimensions but " + dims[b] + " were expected ("
                            + (expected != null ? "the dimension of the training vectors" : "that of row 1")
                            + "); all vectors of a column must come from the same embedding.");
                    }
                    float[] f = new float[len];
                    for (int j = 0; j < len; j++) {
                        f[j] = (float) v.getValue(j);
                    }
                    blocks.get(b)[i] = f;
                }
                if (labels != null) {
                    DataCell cell = row.getCell(labelColumn);
                    String l = cell.isMissing() ? null : ((StringValue) cell).getStringValue();
                    if (l == null || l.isBlank()) {
                        throw new KNIMEException(where(row, i, table) + " has no label in column '"
                            + spec.getColumnSpec(labelColumn).getName() + "': remove unlabelled rows first.");
                    }
                    labels[i] = l;
                }
            }
        }
        exec.setProgress(1.0);
        return new Read(blocks, dims, labels);
    }

    private static String where(DataRow row, int index, String table) {
        return "Row '" + row.getKey().getString() + "' (row " + (index + 1) + ") of the " + table;
    }

    /**
     * The vectors a classifier sees: one column as it is; several columns each L2-normalised (a zero block stays
     * zero) and concatenated in order, as the contrastive head combines its input blocks.
     *
     * @param blocks one matrix per vector column, rows aligned
     * @return one vector per row
     */
    public static float[][] combine(List<float[][]> blocks) {
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        int n = blocks.get(0).length;
        int total = 0;
        for (float[][] b : blocks) {
            total += b[0].length;
        }
        float[][] out = new float[n][total];
        for (int i = 0; i < n; i++) {
            int off = 0;
            for (float[][] b : blocks) {
                float[] v = b[i];
                double s = 0;
                for (float x : v) {
                    s += (double) x * x;
                }
                double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
                for (int j = 0; j < v.length; j++) {
                    out[i][off + j] = (float) (v[j] * inv);
                }
                off += v.length;
            }
        }
        return out;
    }

    /**
     * @param name column name
     * @param dimension vector length, or -1 when unknown
     * @param prefix element name prefix ("PC" gives PC1, PC2, ...)
     * @return the spec of a vector column whose dimension property and element names announce its dimension
     */
    public static DataColumnSpec vectorSpec(String name, int dimension, String prefix) {
        DataColumnSpecCreator c = new DataColumnSpecCreator(name, DoubleVectorCellFactory.TYPE);
        if (dimension > 0) {
            String[] names = new String[dimension];
            for (int i = 0; i < dimension; i++) {
                names[i] = prefix + (i + 1);
            }
            c.setElementNames(names);
            c.setProperties(new DataColumnProperties(Map.of(EmbeddingColumns.DIMENSION, Integer.toString(dimension))));
        }
        return c.createSpec();
    }

    /** @return a vector cell holding the values */
    public static DataCell vectorCell(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return DoubleVectorCellFactory.createCell(d);
    }

    /**
     * @param spec a table spec
     * @param name a wanted column name
     * @return the name, or the name with a " (#n)" suffix when the table has a column of that name
     */
    public static String uniqueName(DataTableSpec spec, String name) {
        Set<String> taken = new HashSet<>(List.of(spec.getColumnNames()));
        String candidate = name;
        for (int i = 1; taken.contains(candidate); i++) {
            candidate = name + " (#" + i + ")";
        }
        return candidate;
    }

    /**
     * @param in the input table
     * @param appended the columns to append
     * @return the input spec followed by the appended columns
     */
    public static DataTableSpec appendSpec(DataTableSpec in, DataColumnSpec... appended) {
        return new DataTableSpec(in, new DataTableSpec(appended));
    }

    /**
     * Copies the input rows and appends cells to each.
     *
     * @param in the input table
     * @param outSpec the input's spec with the appended columns
     * @param cells the cells to append to row i
     * @param exec creates the table, reports progress, polls cancel
     * @return the new table
     * @throws CanceledExecutionException if cancelled
     */
    public static BufferedDataTable append(BufferedDataTable in, DataTableSpec outSpec, IntFunction<DataCell[]> cells,
        ExecutionContext exec) throws CanceledExecutionException {
        BufferedDataContainer out = exec.createDataContainer(outSpec);
        long n = in.size();
        int i = 0;
        try (CloseableRowIterator it = in.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                if (i % CHECK_EVERY == 0) {
                    exec.checkCanceled();
                    exec.setProgress(i / (double) Math.max(1, n));
                }
                List<DataCell> all = new ArrayList<>(row.getNumCells() + 4);
                for (DataCell c : row) {
                    all.add(c);
                }
                all.addAll(List.of(cells.apply(i)));
                out.addRowToTable(new DefaultRow(row.getKey(), all));
                i++;
            }
        }
        out.close();
        return out.getTable();
    }
}
