package io.github.scllm.knime.genes.topgenes;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.container.AbstractCellFactory;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.HighlyVariableGenes;
import io.github.scllm.core.genes.TopGenes;
import io.github.scllm.core.genes.TopGenesSelector;
import io.github.scllm.knime.data.ExpressionValue;

/**
 * The columns Top Genes appends, derived from the input spec in configure and execute alike, and the adapter from an
 * expression cell to the engine's per-cell call. One instance per execution (the selector is not thread-safe).
 */
final class TopGenesColumns {
    static final String GENES_COLUMN = "Top genes";
    static final String WEIGHTS_COLUMN = "Top gene weights";
    static final String SENTENCE_COLUMN = "Gene sentence";

    private final DataTableSpec in;
    private final int expressionIndex;
    private final String expressionName;
    private final String[] symbols;
    private final DataColumnSpec[] newColumns;

    /**
     * @param in the input spec
     * @param expressionColumn the expression column chosen in the dialog
     * @param sentence whether the gene sentence column is appended
     * @throws InvalidSettingsException if the column is missing, is no expression column or has no gene names
     */
    TopGenesColumns(DataTableSpec in, String expressionColumn, boolean sentence) throws InvalidSettingsException {
        this.in = in;
        expressionIndex = in.findColumnIndex(expressionColumn);
        if (expressionIndex < 0) {
            throw new InvalidSettingsException("The input has no column '" + expressionColumn + "'. Choose the "
                + "expression column of Read scRNA in the dialog.");
        }
        DataColumnSpec col = in.getColumnSpec(expressionIndex);
        if (!col.getType().isCompatible(ExpressionValue.class)) {
            throw new InvalidSettingsException("Column '" + expressionColumn + "' holds " + col.getType()
                + ", not expression vectors. Choose the expression column of Read scRNA.");
        }
        List<String> names = col.getElementNames();
        // KNIME's default element names are the column name alone: then the vector carries no gene symbols
        if (names.isEmpty() || names.size() == 1 && names.get(0).equals(col.getName())) {
            throw new InvalidSettingsException("Expression column '" + expressionColumn + "' carries no gene "
                + "symbols (element names). Connect the cell table of Read scRNA directly, or re-run it.");
        }
        expressionName = expressionColumn;
        symbols = names.toArray(String[]::new);
        List<DataColumnSpec> cols = new ArrayList<>();
        List<String> taken = new ArrayList<>(List.of(in.getColumnNames()));
        cols.add(spec(unique(GENES_COLUMN, taken), ListCell.getCollectionType(StringCell.TYPE)));
        cols.add(spec(unique(WEIGHTS_COLUMN, taken), ListCell.getCollectionType(DoubleCell.TYPE)));
        if (sentence) {
            cols.add(spec(unique(SENTENCE_COLUMN, taken), StringCell.TYPE));
        }
        newColumns = cols.toArray(DataColumnSpec[]::new);
    }

    private static DataColumnSpec spec(String name, DataType type) {
        return new DataColumnSpecCreator(name, type).createSpec();
    }

    private static String unique(String name, List<String> taken) {
        String candidate = name;
        for (int i = 1; taken.contains(candidate); i++) {
            candidate = name + " (#" + i + ")";
        }
        taken.add(candidate);
        return candidate;
    }

    /** @return the name of the first input column holding expression vectors, or null when there is none */
    static String firstExpressionColumn(DataTableSpec in) {
        for (DataColumnSpec c : in) {
            if (c.getType().isCompatible(ExpressionValue.class)) {
                return c.getName();
            }
        }
        return null;
    }

    /** @return the gene symbols of the expression column, in vector order */
    String[] symbols() {
        return symbols.clone();
    }

    int expressionIndex() {
        return expressionIndex;
    }

    /** @return the output spec: the input columns followed by the new ones */
    DataTableSpec outputSpec() {
        return new DataTableSpec(in, new DataTableSpec(newColumns));
    }

    /**
     * @param selector the engine's selector for this input's genes
     * @return a rearranger appending the top genes of every row
     */
    ColumnRearranger rearranger(TopGenesSelector selector) {
        ColumnRearranger r = new ColumnRearranger(in);
        r.append(new AbstractCellFactory(newColumns) {
            private final Buffers buf = new Buffers();

            @Override
            public DataCell[] getCells(DataRow row) {
                return getCells(row, -1);
            }

            @Override
            public DataCell[] getCells(DataRow row, long rowIndex) {
                DataCell c = row.getCell(expressionIndex);
                if (c.isMissing()) {
                    DataCell[] missing = new DataCell[newColumns.length];
                    java.util.Arrays.fill(missing, DataType.getMissingCell());
                    return missing;
                }
                int n = buf.fill((ExpressionValue) c, row, rowIndex);
                TopGenes top;
                try {
                    top = selector.select(rowIndex, buf.genes, buf.values, 0, n, buf.total);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("Row '" + row.getKey() + "', column '" + expressionName + "': "
                        + e.getMessage(), e);
                }
                return cells(top);
            }
        });
        return r;
    }

    /**
     * Adds one row's expression to the highly variable gene statistics; missing cells are skipped.
     *
     * @param stats the accumulator
     * @param row an input row
     * @param rowIndex its position, for messages
     * @param buf reused arrays
     */
    void addTo(HighlyVariableGenes stats, DataRow row, long rowIndex, Buffers buf) {
        DataCell c = row.getCell(expressionIndex);
        if (c.isMissing()) {
            return;
        }
        int n = buf.fill((ExpressionValue) c, row, rowIndex);
        try {
            stats.addCell(rowIndex, buf.genes, buf.values, 0, n, buf.total);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("Row '" + row.getKey() + "', column '" + expressionName + "': "
                + e.getMessage(), e);
        }
    }

    private DataCell[] cells(TopGenes top) {
        List<DataCell> genes = new ArrayList<>(top.size());
        List<DataCell> weights = new ArrayList<>(top.size());
        for (int k = 0; k < top.size(); k++) {
            genes.add(new StringCell(top.symbols()[k]));
            // the float weight printed as its shortest decimal, so 0.1f shows as 0.1 and not 0.10000000149
            weights.add(new DoubleCell(Double.parseDouble(Float.toString(top.weights()[k]))));
        }
        DataCell[] out = new DataCell[newColumns.length];
        out[0] = CollectionCellFactory.createListCell(genes);
        out[1] = CollectionCellFactory.createListCell(weights);
        if (out.length > 2) {
            out[2] = new StringCell(top.sentence());
        }
        return out;
    }

    /** A cell's stored genes and values copied into reusable arrays. */
    final class Buffers {
        private int[] genes = new int[256];
        private float[] values = new float[256];
        private double total;

        int fill(ExpressionValue e, DataRow row, long rowIndex) {
            if (e.geneCount() != symbols.length) {
                throw new InvalidInputException("Row '" + row.getKey() + "' (row " + rowIndex + ") has an expression "
                    + "vector over " + e.geneCount() + " genes, but column '" + expressionName + "' names "
                    + symbols.length + "; the table mixes matrices. Re-run Read scRNA on one file.");
            }
            int n = e.storedCount();
            if (genes.length < n) {
                genes = new int[Math.max(n, 2 * genes.length)];
                values = new float[genes.length];
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                genes[k] = e.storedGene(k);
                values[k] = e.storedValue(k);
                sum += values[k];
            }
            total = sum;
            return n;
        }
    }
}
