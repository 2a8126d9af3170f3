package io.github.scllm.knime.genes.describe;

import java.util.List;
import java.util.Locale;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.genes.GeneDescription;

/** The input gene column and the output table of Gene Description Lookup. */
final class GeneTables {
    static final String[] COLUMNS = {"Symbol", "Official symbol", "NCBI Gene ID", "Full name", "Summary", "Source",
        "Status", "Text", "Note"};

    private GeneTables() {
    }

    /** @return the output spec, the same for every input */
    static DataTableSpec outputSpec() {
        DataColumnSpec[] cols = new DataColumnSpec[COLUMNS.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = new DataColumnSpecCreator(COLUMNS[i], StringCell.TYPE).createSpec();
        }
        return new DataTableSpec("Gene descriptions", cols);
    }

    /** @return whether a column holds gene symbols: strings, or lists (collections) of strings */
    static boolean holdsSymbols(DataType t) {
        return t.isCompatible(StringValue.class)
            || t.isCollectionType() && t.getCollectionElementType().isCompatible(StringValue.class);
    }

    /**
     * @return the column to use when none was chosen: the first list-of-strings column (the Top genes column), else
     *         the first string column; null when there is none
     */
    static String defaultColumn(DataTableSpec in) {
        for (DataColumnSpec c : in) {
            if (c.getType().isCollectionType() && holdsSymbols(c.getType())) {
                return c.getName();
            }
        }
        for (DataColumnSpec c : in) {
            if (holdsSymbols(c.getType())) {
                return c.getName();
            }
        }
        return null;
    }

    /**
     * @return the index of the chosen gene column
     * @throws InvalidSettingsException if it is missing or holds neither strings nor lists of strings
     */
    static int geneColumn(DataTableSpec in, String name) throws InvalidSettingsException {
        int i = in.findColumnIndex(name);
        if (i < 0) {
            throw new InvalidSettingsException("The input has no column '" + name + "'. Choose the column of gene "
                + "symbols (e.g. Top genes of the Top Genes node) in the dialog.");
        }
        DataType t = in.getColumnSpec(i).getType();
        if (!holdsSymbols(t)) {
            throw new InvalidSettingsException("Column '" + name + "' holds " + t + "; it must hold gene symbols as "
                + "strings or lists of strings. Choose another column.");
        }
        return i;
    }

    /**
     * Adds the symbols of one cell to a list: the string, or every element of a list; missing values become null
     * (counted by the lookup as blank).
     */
    static void symbolsOf(DataCell cell, List<String> out) {
        if (cell.isMissing()) {
            out.add(null);
        } else if (cell instanceof CollectionDataValue list) {
            for (DataCell e : list) {
                out.add(e.isMissing() ? null : ((StringValue) e).getStringValue());
            }
        } else {
            out.add(((StringValue) cell).getStringValue());
        }
    }

    /**
     * @return the output row of one gene, keyed by the symbol as the input spells it (the RowID too; distinct by
     *         construction): Cell Embedding joins it to the cells' top genes, which call the gene so
     */
    static DataRow row(GeneDescription g) {
        return new DefaultRow(new RowKey(g.query()), cell(g.query()), cell(g.symbol()), cell(g.geneId()),
            cell(g.fullName()), cell(g.summary()), cell(g.source().name().toLowerCase(Locale.ROOT)), cell(status(g)),
            cell(g.text()), cell(g.note()));
    }

    /** @return the status as shown to users: lower case, words separated by spaces ("not found") */
    static String status(GeneDescription g) {
        return g.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static DataCell cell(String s) {
        return s == null ? DataType.getMissingCell() : new StringCell(s);
    }
}
