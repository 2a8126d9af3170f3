package io.github.scllm.knime.annotate.markers;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.genes.MarkerGenes;
import io.github.scllm.core.genes.MarkerGroups;
import io.github.scllm.core.genes.MarkerResult;
import io.github.scllm.core.genes.MarkerSource;
import io.github.scllm.knime.data.ExpressionTables;
import io.github.scllm.knime.data.ExpressionValue;
import io.github.scllm.knime.data.ExpressionValues;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;

/** Ranks marker genes per group of cells: the table of Read scRNA in, one row per group and gene out. */
final class MarkerGenesNodeModel extends SettingsNodeModel<MarkerGenesNodeSettings> {
    static final String GROUP = "Group";
    static final String GENE = "Gene";
    static final String RANK = "Rank";
    static final String SCORE = "Score";
    static final String LOG2FC = "Log2 fold change";
    static final String P = "P-value";
    static final String ADJUSTED_P = "Adjusted p-value";
    static final String FRACTION_IN = "Fraction in group";
    static final String FRACTION_OUT = "Fraction outside group";
    static final String MEAN_IN = "Mean in group";
    static final String MEAN_OUT = "Mean outside group";

    MarkerGenesNodeModel() {
        super(1, 1, new MarkerGenesNodeSettings());
    }

    static DataTableSpec outputSpec() {
        DataColumnSpec[] cols = {
            new DataColumnSpecCreator(GROUP, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(GENE, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(RANK, IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator(SCORE, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(LOG2FC, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(P, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(ADJUSTED_P, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(FRACTION_IN, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(FRACTION_OUT, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(MEAN_IN, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(MEAN_OUT, DoubleCell.TYPE).createSpec()};
        return new DataTableSpec("Marker genes", cols);
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        columns(inSpecs[0]);
        settings.toOptions();
        return new DataTableSpec[] {outputSpec()};
    }

    /** @return the indices of the expression and the group column, checked; auto-selects a sole expression column */
    private int[] columns(DataTableSpec spec) throws InvalidSettingsException {
        String chosen = settings.expressionColumnModel().getStringValue();
        int e = ExpressionTables.column(spec, chosen);
        if (chosen == null || chosen.isBlank()) {
            String expr = spec.getColumnSpec(e).getName();
            settings.expressionColumnModel().setStringValue(expr);
            setWarningMessage("Expression column '" + expr + "' selected automatically.");
        }
        String group = settings.groupColumnModel().getStringValue();
        if (group == null || group.isBlank()) {
            throw new InvalidSettingsException("No group column selected: choose the column with clusters or labels "
                + "(e.g. louvain, leiden, cell_type).");
        }
        int g = spec.findColumnIndex(group);
        if (g < 0) {
            throw new InvalidSettingsException("The group column '" + group + "' is missing from the input.");
        }
        return new int[] {e, g};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable table = inData[0];
        DataTableSpec spec = table.getDataTableSpec();
        int[] cols = columns(spec);
        ExpressionValues.check(table, cols[0], settings.countsDeclared(), "Input values to '"
            + MarkerGenesNodeSettings.VALUES_LOG + "'");
        String[] symbols = spec.getColumnSpec(cols[0]).getElementNames().toArray(String[]::new);
        MarkerGroups groups = MarkerGroups.fromLabels(labels(table, cols, symbols.length));
        MarkerSource source = ExpressionTables.source(table, cols[0]);
        try {
            MarkerResult result = MarkerGenes.compute(source, symbols, groups, settings.toOptions(),
                EngineBridge.cancellation(exec), (fraction, message) -> exec.setProgress(fraction, message));
            BufferedDataContainer out = exec.createDataContainer(outputSpec());
            long row = 0;
            for (MarkerGene m : result.markers()) {
                out.addRowToTable(row(row++, m));
            }
            out.close();
            if (!result.skipped().isEmpty()) {
                StringBuilder sb = new StringBuilder("Groups not tested:");
                result.skipped().forEach((name, why) -> sb.append(" '").append(name).append("' ").append(why)
                    .append(';'));
                setWarningMessage(sb.substring(0, sb.length() - 1) + ".");
            }
            return new BufferedDataTable[] {out.getTable()};
        } catch (CancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        }
    }

    /** One label per row; rows with a missing group or a missing expression take part in no test. */
    private static String[] labels(BufferedDataTable table, int[] cols, int geneCount) {
        String[] labels = new String[Math.toIntExact(table.size())];
        int i = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                DataCell expr = row.getCell(cols[0]);
                DataCell group = row.getCell(cols[1]);
                if (!expr.isMissing() && ((ExpressionValue) expr).geneCount() != geneCount) {
                    throw new InvalidInputException("Row '" + row.getKey() + "' has an expression over "
                        + ((ExpressionValue) expr).geneCount() + " genes, the column " + geneCount
                        + ". Rows from different matrices were mixed; read them with one Read scRNA node.");
                }
                labels[i++] = expr.isMissing() || group.isMissing() ? null
                    : group instanceof StringValue s ? s.getStringValue() : group.toString();
            }
        }
        return labels;
    }

    private static DataRow row(long index, MarkerGene m) {
        return new DefaultRow(new RowKey("Row" + index), new StringCell(m.group()), new StringCell(m.symbol()),
            new IntCell(m.rank()), new DoubleCell(m.score()), new DoubleCell(m.logFoldChange()),
            new DoubleCell(m.pValue()), new DoubleCell(m.adjustedPValue()), new DoubleCell(m.fractionIn()),
            new DoubleCell(m.fractionOut()), new DoubleCell(m.meanIn()), new DoubleCell(m.meanOut()));
    }
}
