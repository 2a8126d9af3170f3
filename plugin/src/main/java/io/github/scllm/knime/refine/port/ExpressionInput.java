package io.github.scllm.knime.refine.port;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;

import io.github.scllm.core.genes.Normalization;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.knime.data.ExpressionValue;

/**
 * Expression columns ({@link ExpressionValue}, as written by Read scRNA) as the engine's log-normalised rows: the
 * genes are aligned to a model's gene list by name, raw counts are turned into log1p of counts per 10,000.
 */
public final class ExpressionInput {
    /** Choice: the column holds raw counts; log1p(CP10k) is applied. */
    public static final String COUNTS = "raw counts";
    /** Choice: the column already holds log1p(CP10k) values. */
    public static final String LOG_NORMALISED = "log-normalised (log1p CP10k)";
    /** The choices of the input-values setting. */
    public static final List<String> VALUE_CHOICES = List.of(COUNTS, LOG_NORMALISED);

    private static final int CHECK_EVERY = 500;

    private ExpressionInput() {
    }

    /** @return the names of the columns holding expression vectors */
    public static List<String> candidates(DataTableSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec != null) {
            for (DataColumnSpec c : spec) {
                if (c.getType().isCompatible(ExpressionValue.class)) {
                    out.add(c.getName());
                }
            }
        }
        return out;
    }

    /**
     * @param spec a table spec
     * @param name the chosen expression column
     * @param table what the table is called in messages
     * @return the column index
     * @throws InvalidSettingsException if the column is missing or holds no expression
     */
    public static int column(DataTableSpec spec, String name, String table) throws InvalidSettingsException {
        int c = name == null || name.isBlank() ? -1 : spec.findColumnIndex(name);
        if (c < 0) {
            throw new InvalidSettingsException("The " + table + " has no expression column '" + name + "'. "
                + "Expression columns available: " + candidates(spec) + " (the Expression column of Read scRNA).");
        }
        if (!spec.getColumnSpec(c).getType().isCompatible(ExpressionValue.class)) {
            throw new InvalidSettingsException("Column '" + name + "' of the " + table + " holds "
                + spec.getColumnSpec(c).getType() + ", not expression vectors; choose one of " + candidates(spec)
                + ".");
        }
        return c;
    }

    /** @return the gene names of an expression column (its element names), possibly empty */
    public static String[] genes(DataColumnSpec column) {
        List<String> names = column.getElementNames();
        return names == null ? new String[0] : names.toArray(String[]::new);
    }

    /**
     * Maps the genes of an input column onto a model's genes.
     *
     * @param source gene names of the input column (empty when unknown)
     * @param model gene names the model was fitted on (empty when unknown)
     * @param column the input column's name, for messages
     * @return for each input gene the model gene index or -1 (not used by the model); null when the names are equal
     *         or unknown (then genes match by position)
     * @throws InvalidSettingsException if model genes are missing from the input or names repeat
     */
    public static int[] geneMap(String[] source, String[] model, String column) throws InvalidSettingsException {
        if (source.length == 0 || model.length == 0 || java.util.Arrays.equals(source, model)) {
            return null;
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int g = 0; g < model.length; g++) {
            if (byName.put(model[g], g) != null) {
                throw new InvalidSettingsException("The model's gene '" + model[g] + "' occurs twice, so the genes "
                    + "of column '" + column + "' cannot be matched by name: give the input the model's gene list "
                    + "in the same order.");
            }
        }
        int[] map = new int[source.length];
        boolean[] found = new boolean[model.length];
        for (int g = 0; g < source.length; g++) {
            Integer m = byName.get(source[g]);
            map[g] = m == null || found[m] ? -1 : m;
            if (m != null) {
                found[m] = true;
            }
        }
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        for (int g = 0; g < model.length; g++) {
            if (!found[g]) {
                missingCount++;
                if (missing.size() < 5) {
                    missing.add(model[g]);
                }
            }
        }
        if (missingCount > 0) {
            throw new InvalidSettingsException("Column '" + column + "' lacks " + missingCount + " of the "
                + model.length + " genes the model was fitted on (e.g. " + missing + "): read the cells with the "
                + "same gene list as the training cells.");
        }
        return map;
    }

    /**
     * Maps two expression columns onto the genes they share, matched by name, in the order of the first.
     *
     * @param first gene names of the first column (empty when unknown)
     * @param second gene names of the second column (empty when unknown)
     * @param column the column's name, for messages
     * @return for each table, each of its genes' index among the shared genes or -1; null when the names are equal or
     *         unknown (then genes match by position)
     * @throws InvalidSettingsException if the columns share no gene
     */
    public static int[][] sharedGenes(String[] first, String[] second, String column)
        throws InvalidSettingsException {
        if (first.length == 0 || second.length == 0 || java.util.Arrays.equals(first, second)) {
            return null;
        }
        Map<String, Integer> inSecond = new HashMap<>();
        for (int g = second.length - 1; g >= 0; g--) {
            inSecond.put(second[g], g);
        }
        int[] firstMap = new int[first.length];
        int[] secondMap = new int[second.length];
        java.util.Arrays.fill(secondMap, -1);
        int shared = 0;
        for (int g = 0; g < first.length; g++) {
            Integer other = inSecond.get(first[g]);
            if (other != null && secondMap[other] < 0) {
                secondMap[other] = shared;
                firstMap[g] = shared++;
            } else {
                firstMap[g] = -1;
            }
        }
        if (shared == 0) {
            throw new InvalidSettingsException("The reference and query columns '" + column + "' share no gene name "
                + "(e.g. '" + first[0] + "' and '" + second[0] + "'): read both with gene symbols of one organism.");
        }
        return new int[][] {firstMap, secondMap};
    }

    /**
     * Reads an expression column as log-normalised rows over the model's genes.
     *
     * @param data the table
     * @param column index of the expression column
     * @param map gene map from {@link #geneMap}, or null for genes by position
     * @param genes number of genes of the result (the model's), or -1 to take the column's
     * @param counts whether the values are raw counts (then log1p CP10k is applied, using the cell's total over all
     *        its genes)
     * @param table what the table is called in messages
     * @param exec progress and cancellation
     * @return the rows
     * @throws KNIMEException naming the row if a cell is missing or has another gene count
     * @throws CanceledExecutionException if cancelled
     */
    public static ExpressionRows read(BufferedDataTable data, int column, int[] map, int genes, boolean counts,
        String table, ExecutionMonitor exec) throws KNIMEException, CanceledExecutionException {
        int n = Math.toIntExact(data.size());
        if (n == 0) {
            throw new KNIMEException("The " + table + " has no rows.");
        }
        String name = data.getDataTableSpec().getColumnSpec(column).getName();
        int[][] indices = new int[n][];
        float[][] values = new float[n][];
        int width = genes;
        int sourceGenes = map != null ? map.length : -1;
        try (CloseableRowIterator it = data.iterator()) {
            for (int i = 0; i < n; i++) {
                DataRow row = it.next();
                if (i % CHECK_EVERY == 0) {
                    exec.checkCanceled();
                    final int done = i;
                    exec.setProgress(i / (double) n, () -> "Reading cell " + done + " of " + n + " of the " + table);
                }
                DataCell cell = row.getCell(column);
                String where = "Row '" + row.getKey().getString() + "' (row " + (i + 1) + ") of the " + table;
                if (cell.isMissing()) {
                    throw new KNIMEException(where + " has no expression in column '" + name + "': remove such "
                        + "rows first.");
                }
                ExpressionValue v = (ExpressionValue) cell;
                if (sourceGenes < 0) {
                    sourceGenes = v.geneCount();
                }
                if (width < 0) {
                    width = v.geneCount();
                }
                int expected = map != null ? map.length : width;
                if (v.geneCount() != expected || (map == null && v.geneCount() != sourceGenes)) {
                    throw new KNIMEException(where + ": the expression in column '" + name + "' covers "
                        + v.geneCount() + " genes but " + expected + " were expected; all cells must share the "
                        + "gene list the model was fitted on.");
                }
                double total = v.total();
                int stored = v.storedCount();
                int[] idx = new int[stored];
                float[] val = new float[stored];
                int k = 0;
                for (int s = 0; s < stored; s++) {
                    int g = map == null ? v.storedGene(s) : map[v.storedGene(s)];
                    if (g < 0) {
                        continue;
                    }
                    float x = v.storedValue(s);
                    if (counts) {
                        x = total > 0 ? (float) Normalization.LOG1P_CP10K.apply(x, total) : 0f;
                    }
                    idx[k] = g;
                    val[k++] = x;
                }
                indices[i] = k == stored ? idx : java.util.Arrays.copyOf(idx, k);
                values[i] = k == stored ? val : java.util.Arrays.copyOf(val, k);
            }
        }
        exec.setProgress(1.0);
        return ExpressionRows.sparse(indices, values, width);
    }
}
