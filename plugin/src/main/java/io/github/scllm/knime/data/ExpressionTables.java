package io.github.scllm.knime.data;

import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.genes.MarkerSource;

/** An expression column of a table as the engine's cell stream, and the column checks the nodes share. */
public final class ExpressionTables {
    private ExpressionTables() {
    }

    /**
     * The column as a cell stream: each scan iterates the table once, a missing cell is a cell without values.
     *
     * @param table the table
     * @param column index of an expression column
     * @return a source visiting row i as cell i
     */
    public static MarkerSource source(BufferedDataTable table, int column) {
        return visitor -> {
            int[] genes = new int[64];
            float[] values = new float[64];
            int cell = 0;
            try (CloseableRowIterator it = table.iterator()) {
                while (it.hasNext()) {
                    DataCell c = it.next().getCell(column);
                    int n = 0;
                    if (!c.isMissing()) {
                        ExpressionValue e = (ExpressionValue) c;
                        n = e.storedCount();
                        if (genes.length < n) {
                            genes = new int[Math.max(n, genes.length * 2)];
                            values = new float[genes.length];
                        }
                        for (int k = 0; k < n; k++) {
                            genes[k] = e.storedGene(k);
                            values[k] = e.storedValue(k);
                        }
                    }
                    visitor.cell(cell++, genes, values, 0, n);
                }
            }
        };
    }

    /**
     * Finds the expression column, choosing the table's only one when none is set.
     *
     * @param spec the input spec
     * @param chosen the setting's value, possibly blank
     * @return the column index
     * @throws InvalidSettingsException if there is none, or the chosen column is missing, not an expression column or
     *         carries no gene symbols
     */
    public static int column(DataTableSpec spec, String chosen) throws InvalidSettingsException {
        String expr = chosen;
        if (expr == null || expr.isBlank()) {
            List<DataColumnSpec> candidates =
                spec.stream().filter(c -> c.getType().isCompatible(ExpressionValue.class)).toList();
            if (candidates.isEmpty()) {
                throw new InvalidSettingsException("The input has no expression column. Connect the cell table of "
                    + "Read scRNA.");
            }
            expr = candidates.get(0).getName();
        }
        int e = spec.findColumnIndex(expr);
        if (e < 0 || !spec.getColumnSpec(e).getType().isCompatible(ExpressionValue.class)) {
            throw new InvalidSettingsException("Column '" + expr + "' is " + (e < 0 ? "missing from the input"
                : "not an expression column") + ". Choose the expression column of Read scRNA in the dialog.");
        }
        if (spec.getColumnSpec(e).getElementNames().isEmpty()) {
            throw new InvalidSettingsException("Column '" + expr + "' carries no gene symbols (element names). Use "
                + "the expression column produced by Read scRNA.");
        }
        return e;
    }
}
