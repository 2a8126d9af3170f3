package io.github.scllm.knime.io.readscrna;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.io.AnnotationColumn;
import io.github.scllm.core.io.AnnotationTable;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.MatrixSummary;
import io.github.scllm.knime.data.ExpressionCell;

/**
 * The two output tables of Read scRNA, derived from a {@link MatrixSummary} in configure and in execute alike, so
 * the spec announced at configure time is the spec of the executed table.
 */
final class ScrnaTables {
    /** Name of the expression column; the gene symbols are its element names. */
    static final String EXPRESSION_COLUMN = "Expression";
    /** Name of the gene symbol column of the gene table. */
    static final String SYMBOL_COLUMN = "Gene symbol";
    /** Column property recording which matrix of which file the expression came from. */
    static final String SOURCE_PROPERTY = "scllm.source";

    private final MatrixSummary summary;
    private final List<AnnotationColumn> obs;
    private final DataTableSpec cellSpec;
    private final DataTableSpec geneSpec;
    private String[] geneKeys;

    ScrnaTables(MatrixSummary summary, List<String> obsColumns) throws InvalidSettingsException {
        this.summary = summary;
        this.obs = chooseObs(summary.obs(), obsColumns);
        List<DataColumnSpec> cols = new ArrayList<>();
        for (AnnotationColumn c : obs) {
            cols.add(new DataColumnSpecCreator(c.name(), knimeType(c)).createSpec());
        }
        DataColumnSpecCreator expression = new DataColumnSpecCreator(unique(EXPRESSION_COLUMN, obs), ExpressionCell.TYPE);
        expression.setElementNames(summary.geneSymbols());
        expression.setProperties(new DataColumnProperties(Map.of(SOURCE_PROPERTY,
            summary.source().getFileName() + " " + summary.matrix())));
        cols.add(expression.createSpec());
        cellSpec = new DataTableSpec("Cells", cols.toArray(DataColumnSpec[]::new));

        List<AnnotationColumn> var = summary.var().columns();
        List<DataColumnSpec> geneCols = new ArrayList<>();
        geneCols.add(new DataColumnSpecCreator(SYMBOL_COLUMN, StringCell.TYPE).createSpec());
        for (AnnotationColumn c : var) {
            if (!c.name().equals(SYMBOL_COLUMN)) {
                geneCols.add(new DataColumnSpecCreator(c.name(), knimeType(c)).createSpec());
            }
        }
        geneSpec = new DataTableSpec("Genes", geneCols.toArray(DataColumnSpec[]::new));
    }

    DataTableSpec cellSpec() {
        return cellSpec;
    }

    DataTableSpec geneSpec() {
        return geneSpec;
    }

    private static List<AnnotationColumn> chooseObs(AnnotationTable obs, List<String> wanted)
        throws InvalidSettingsException {
        if (wanted.isEmpty()) {
            return obs.columns();
        }
        List<AnnotationColumn> out = new ArrayList<>();
        for (String name : wanted) {
            out.add(obs.column(name).orElseThrow(() -> new InvalidSettingsException("The file has no obs column '"
                + name + "'. Available: " + obs.columns().stream().map(AnnotationColumn::name).toList()
                + ". Fix the list of obs columns in the dialog (empty means all).")));
        }
        return out;
    }

    private static String unique(String name, List<AnnotationColumn> taken) {
        Set<String> names = new HashSet<>();
        taken.forEach(c -> names.add(c.name()));
        String candidate = name;
        for (int i = 1; names.contains(candidate); i++) {
            candidate = name + " (#" + i + ")";
        }
        return candidate;
    }

    private static DataType knimeType(AnnotationColumn c) {
        return switch (c.type()) {
            case STRING -> StringCell.TYPE;
            case INTEGER -> ((AnnotationColumn.Integers) c).fitsInt() ? IntCell.TYPE : LongCell.TYPE;
            case DOUBLE -> DoubleCell.TYPE;
            case BOOLEAN -> BooleanCell.TYPE;
        };
    }

    private static DataCell cell(AnnotationColumn c, DataType type, int row) {
        if (c.isMissing(row)) {
            return DataType.getMissingCell();
        }
        return switch (c.type()) {
            case STRING -> new StringCell(c.text(row));
            case INTEGER -> {
                long v = ((AnnotationColumn.Integers) c).value(row);
                yield type.equals(IntCell.TYPE) ? new IntCell((int) v) : new LongCell(v);
            }
            case DOUBLE -> new DoubleCell(((AnnotationColumn.Doubles) c).value(row));
            case BOOLEAN -> ((AnnotationColumn.Booleans) c).value(row) ? BooleanCell.TRUE : BooleanCell.FALSE;
        };
    }

    /**
     * @param chunk cells read from the matrix
     * @param i index of the cell within the chunk
     * @return the row of that cell: RowID = cell ID, the chosen obs values, the expression
     */
    DataRow cellRow(CellChunk chunk, int i) {
        int cell = Math.toIntExact(chunk.firstCell() + i);
        DataCell[] cells = new DataCell[obs.size() + 1];
        for (int c = 0; c < obs.size(); c++) {
            cells[c] = cell(obs.get(c), cellSpec.getColumnSpec(c).getType(), cell);
        }
        cells[obs.size()] = new ExpressionCell(summary.geneCount(), chunk.genesOf(i), chunk.valuesOf(i));
        return new DefaultRow(new RowKey(summary.cellIds()[cell]), cells);
    }

    /** @return the row of gene {@code gene}: RowID = var index, symbol, var columns */
    DataRow geneRow(int gene) {
        AnnotationTable var = summary.var();
        List<DataCell> cells = new ArrayList<>();
        cells.add(new StringCell(summary.geneSymbols()[gene]));
        int col = 1;
        for (AnnotationColumn c : var.columns()) {
            if (!c.name().equals(SYMBOL_COLUMN)) {
                cells.add(cell(c, geneSpec.getColumnSpec(col++).getType(), gene));
            }
        }
        return new DefaultRow(new RowKey(geneKeys()[gene]), cells);
    }

    /** RowIDs of the gene table: the var index, made unique (anndata allows repeated var names) by a suffix. */
    private String[] geneKeys() {
        if (geneKeys == null) {
            String[] names = summary.var().rowNames();
            String[] keys = new String[names.length];
            Set<String> seen = new HashSet<>();
            for (int g = 0; g < names.length; g++) {
                String k = names[g];
                for (int n = 1; !seen.add(k); n++) {
                    k = names[g] + "#" + n;
                }
                keys[g] = k;
            }
            geneKeys = keys;
        }
        return geneKeys;
    }
}
