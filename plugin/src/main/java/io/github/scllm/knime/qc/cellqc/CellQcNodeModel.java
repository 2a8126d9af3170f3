package io.github.scllm.knime.qc.cellqc;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.qc.CellQc;
import io.github.scllm.core.qc.QcOptions;
import io.github.scllm.core.qc.QcResult;
import io.github.scllm.knime.data.ExpressionTables;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.VectorColumns;

/** Cell QC: the cell table in; the same table with metric and flag columns, a threshold summary and a gene table out. */
final class CellQcNodeModel extends SettingsNodeModel<CellQcNodeSettings> {
    static final String[] METRICS = {CellQc.TOTAL_COUNTS, CellQc.N_GENES, CellQc.PCT_MT, CellQc.PCT_RIBO,
        CellQc.PCT_HB};
    static final String[] FLAGS = {"outlier_" + CellQc.TOTAL_COUNTS, "outlier_" + CellQc.N_GENES,
        "outlier_" + CellQc.PCT_MT, "keep"};

    CellQcNodeModel() {
        super(1, 3, new CellQcNodeSettings());
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        columns(inSpecs[0]);
        settings.toOptions();
        return new DataTableSpec[] {cellSpec(inSpecs[0]), summarySpec(), geneSpec()};
    }

    /** @return the expression column and the batch column (-1 for none), checked */
    private int[] columns(DataTableSpec spec) throws InvalidSettingsException {
        int e = ExpressionTables.column(spec, settings.expressionColumnModel().getStringValue());
        String batch = settings.batchColumnModel().getStringValue();
        int b = batch == null || batch.isBlank() ? -1 : spec.findColumnIndex(batch);
        if (b < 0 && batch != null && !batch.isBlank()) {
            throw new InvalidSettingsException("The batch column '" + batch + "' is missing from the input; choose "
                + "another or none.");
        }
        return new int[] {e, b};
    }

    static DataTableSpec cellSpec(DataTableSpec in) {
        DataColumnSpec[] cols = new DataColumnSpec[METRICS.length + FLAGS.length];
        for (int m = 0; m < METRICS.length; m++) {
            cols[m] = new DataColumnSpecCreator(VectorColumns.uniqueName(in, METRICS[m]),
                m == 1 ? IntCell.TYPE : DoubleCell.TYPE).createSpec();
        }
        for (int f = 0; f < FLAGS.length; f++) {
            cols[METRICS.length + f] = new DataColumnSpecCreator(VectorColumns.uniqueName(in, FLAGS[f]),
                BooleanCell.TYPE).createSpec();
        }
        return VectorColumns.appendSpec(in, cols);
    }

    static DataTableSpec summarySpec() {
        return new DataTableSpec("QC thresholds", new DataColumnSpecCreator("metric", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("batch", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("median", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("mad", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("lower", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("upper", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("cells_flagged", IntCell.TYPE).createSpec());
    }

    static DataTableSpec geneSpec() {
        return new DataTableSpec("Genes", new DataColumnSpecCreator("gene", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("n_cells_by_counts", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("total_counts", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("keep", BooleanCell.TYPE).createSpec());
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable table = inData[0];
        DataTableSpec spec = table.getDataTableSpec();
        int[] cols = columns(spec);
        String[] symbols = spec.getColumnSpec(cols[0]).getElementNames().toArray(String[]::new);
        String[] batches = cols[1] < 0 ? null : texts(table, cols[1]);
        int n = Math.toIntExact(table.size());
        QcOptions options = settings.toOptions();
        QcResult r = EngineBridge.run(() -> CellQc.compute(ExpressionTables.source(table, cols[0]), n, symbols,
            batches, options, EngineBridge.cancellation(exec),
            EngineBridge.progress(exec.createSubProgress(0.5))));
        BufferedDataTable cells = VectorColumns.append(table, cellSpec(spec), i -> new DataCell[] {
            new DoubleCell(r.totalCounts()[i]), new IntCell(r.genesDetected()[i]),
            new DoubleCell(r.pctMitochondrial()[i]), new DoubleCell(r.pctRibosomal()[i]),
            new DoubleCell(r.pctHaemoglobin()[i]), BooleanCell.get(r.lowCounts()[i]), BooleanCell.get(r.lowGenes()[i]),
            BooleanCell.get(r.highMitochondrial()[i]), BooleanCell.get(r.keep()[i])}, exec.createSubExecutionContext(
                0.4));
        BufferedDataContainer summary = exec.createDataContainer(summarySpec());
        long row = 0;
        for (QcResult.MetricThresholds t : r.thresholds()) {
            summary.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new StringCell(t.metric()),
                new StringCell(t.thresholds().batch()), new DoubleCell(t.thresholds().median()),
                new DoubleCell(t.thresholds().mad()), new DoubleCell(t.thresholds().lower()),
                new DoubleCell(t.thresholds().upper()), new IntCell(t.flagged())));
        }
        summary.close();
        BufferedDataContainer genes = exec.createDataContainer(geneSpec());
        for (int j = 0; j < symbols.length; j++) {
            genes.addRowToTable(new DefaultRow(RowKey.createRowKey((long) j), new StringCell(symbols[j]),
                new IntCell(r.cellsPerGene()[j]), new DoubleCell(r.geneTotals()[j]), BooleanCell.get(r.keepGene()[j])));
        }
        genes.close();
        if (r.mitochondrialGeneCount() == 0) {
            setWarningMessage("No mitochondrial genes found (no symbol starts with MT-): pct_counts_mt is 0. List "
                + "them in the dialog if the file names them otherwise.");
        }
        return new BufferedDataTable[] {cells, summary.getTable(), genes.getTable()};
    }

    /** @return each row's value of a column as text, null when missing */
    static String[] texts(BufferedDataTable table, int column) {
        String[] out = new String[Math.toIntExact(table.size())];
        int i = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                DataCell c = row.getCell(column);
                out[i++] = c.isMissing() ? null : c instanceof StringValue s ? s.getStringValue() : c.toString();
            }
        }
        return out;
    }
}
