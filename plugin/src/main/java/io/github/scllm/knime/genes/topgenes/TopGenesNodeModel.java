package io.github.scllm.knime.genes.topgenes;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.StreamableOperator;

import io.github.scllm.core.genes.HighlyVariableGenes;
import io.github.scllm.core.genes.Normalization;
import io.github.scllm.core.genes.TopGenesOptions;
import io.github.scllm.core.genes.TopGenesSelector;
import io.github.scllm.knime.data.ExpressionValues;
import io.github.scllm.knime.node.SettingsNodeModel;

/**
 * Appends each cell's top genes to the cell table. Rows stream through a column rearranger, also in KNIME's streaming
 * executor, in any number of partitions (each cell's genes depend on that cell only); with the highly variable gene
 * restriction, a first pass over the whole table collects the per-gene statistics, so then the table is not
 * streamed.
 */
final class TopGenesNodeModel extends SettingsNodeModel<TopGenesNodeSettings> {
    TopGenesNodeModel() {
        super(1, 1, new TopGenesNodeSettings());
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        return new DataTableSpec[] {columns(inSpecs[0]).outputSpec()};
    }

    private TopGenesColumns columns(DataTableSpec in) throws InvalidSettingsException {
        String column = settings.expressionColumn();
        if (column == null) {
            column = TopGenesColumns.firstExpressionColumn(in);
            if (column == null) {
                throw new InvalidSettingsException("The input has no expression column. Connect the cell table of "
                    + "Read scRNA.");
            }
            settings.expressionColumnModel().setStringValue(column);
            setWarningMessage("Expression column '" + column + "' chosen automatically.");
        }
        settings.toOptions();
        return new TopGenesColumns(in, column, settings.appendSentence());
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable in = inData[0];
        TopGenesColumns columns = columns(in.getDataTableSpec());
        TopGenesOptions options = settings.toOptions();
        ExpressionValues.check(in, columns.expressionIndex(), options.normalization() != Normalization.NONE,
            "Normalisation to none (the values are the weights)");
        HighlyVariableGenes stats = null;
        ExecutionContext selectExec = exec;
        if (options.highlyVariableGenes() > 0) {
            stats = highlyVariable(in, columns, exec.createSubExecutionContext(0.5));
            selectExec = exec.createSubExecutionContext(0.5);
        }
        // engine errors (a row over another gene list, a negative count under cp10k) carry the row and gene
        TopGenesSelector selector = new TopGenesSelector(options, columns.symbols(), stats);
        return new BufferedDataTable[] {exec.createColumnRearrangeTable(in, columns.rearranger(selector), selectExec)};
    }

    /** @return whether each row's output depends on that row only (no highly variable gene restriction) */
    private boolean rowByRow() {
        return settings.hvgCountModel().getIntValue() == 0;
    }

    @Override
    public InputPortRole[] getInputPortRoles() {
        return new InputPortRole[] {rowByRow() ? InputPortRole.DISTRIBUTED_STREAMABLE
            : InputPortRole.NONDISTRIBUTED_NONSTREAMABLE};
    }

    @Override
    public OutputPortRole[] getOutputPortRoles() {
        return new OutputPortRole[] {rowByRow() ? OutputPortRole.DISTRIBUTED : OutputPortRole.NONDISTRIBUTED};
    }

    @Override
    public StreamableOperator createStreamableOperator(PartitionInfo partitionInfo, PortObjectSpec[] inSpecs)
        throws InvalidSettingsException {
        if (!rowByRow()) {
            return super.createStreamableOperator(partitionInfo, inSpecs);
        }
        TopGenesColumns columns = columns((DataTableSpec) inSpecs[0]);
        return columns.rearranger(new TopGenesSelector(settings.toOptions(), columns.symbols(), null))
            .createStreamableFunction();
    }

    /** The first pass: per-gene statistics over every cell of the input. */
    private static HighlyVariableGenes highlyVariable(BufferedDataTable in, TopGenesColumns columns,
        ExecutionMonitor exec) throws CanceledExecutionException {
        HighlyVariableGenes stats = new HighlyVariableGenes(columns.symbols().length);
        TopGenesColumns.Buffers buf = columns.new Buffers();
        long size = in.size();
        long i = 0;
        for (DataRow row : in) {
            exec.checkCanceled();
            columns.addTo(stats, row, i, buf);
            i++;
            if ((i & 255) == 0 || i == size) {
                final long done = i;
                exec.setProgress(done / (double) size, () -> "Highly variable genes: " + done + " of " + size + " cells");
            }
        }
        return stats;
    }
}
