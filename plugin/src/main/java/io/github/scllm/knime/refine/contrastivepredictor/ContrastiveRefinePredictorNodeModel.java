package io.github.scllm.knime.refine.contrastivepredictor;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.StreamableOperator;

import io.github.scllm.core.refine.ProjectionHead;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.RefineModelPortObject;
import io.github.scllm.knime.refine.port.RefineModelPortObjectSpec;
import io.github.scllm.knime.refine.port.StreamedChunks;
import io.github.scllm.knime.refine.port.VectorColumns;

/**
 * Applies a trained projection head to the vector columns it was trained on and appends the refined vectors. The head
 * refines each row on its own (BatchNorm with its running statistics), so in KNIME's streaming executor the rows
 * stream in chunks, in any number of partitions, while the model comes whole.
 */
final class ContrastiveRefinePredictorNodeModel extends SettingsNodeModel<ContrastiveRefinePredictorNodeSettings> {
    private static final String TABLE = "input table";

    ContrastiveRefinePredictorNodeModel() {
        super(new PortType[] {RefineModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[] {BufferedDataTable.TYPE}, new ContrastiveRefinePredictorNodeSettings());
    }

    private record Plan(int[] columns, DataTableSpec outSpec) {
    }

    private Plan plan(RefineModelPortObjectSpec model, DataTableSpec table) throws InvalidSettingsException {
        if (model == null) {
            throw new InvalidSettingsException("No contrastive model: connect the model output of a Contrastive "
                + "Refine Learner.");
        }
        String[] names = model.columns();
        int[] cols = VectorColumns.indices(table, names, TABLE);
        int[] dims = model.dimensions();
        for (int b = 0; b < cols.length; b++) {
            int announced = VectorColumns.announcedDimension(table.getColumnSpec(cols[b]));
            if (announced > 0 && dims[b] > 0 && announced != dims[b]) {
                throw new InvalidSettingsException("Column '" + names[b] + "' of the " + TABLE + " holds vectors of "
                    + announced + " dimensions but the model was trained on " + dims[b] + ": connect vectors made "
                    + "the same way as the training vectors.");
            }
        }
        DataTableSpec out = VectorColumns.appendSpec(table, VectorColumns.vectorSpec(
            VectorColumns.uniqueName(table, settings.outputColumnModel().getStringValue()), model.outputDimension(),
            "dim"));
        return new Plan(cols, out);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return new PortObjectSpec[] {
            plan((RefineModelPortObjectSpec) inSpecs[0], (DataTableSpec) inSpecs[1]).outSpec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        RefineModelPortObject model = (RefineModelPortObject) inObjects[0];
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        Plan p = plan(model.getSpec(), table.getDataTableSpec());
        ProjectionHead head = model.head();
        VectorColumns.Read data = VectorColumns.read(table, p.columns(), -1, head.blockDimensions(), TABLE,
            exec.createSubProgress(0.2));
        ExecutionMonitor applying = exec.createSubProgress(0.6);
        float[][] refined = EngineBridge.run(() -> head.apply(data.blocks(), EngineBridge.cancellation(exec),
            EngineBridge.progress(applying)));
        return new PortObject[] {VectorColumns.append(table, p.outSpec(),
            i -> new DataCell[] {VectorColumns.vectorCell(refined[i])}, exec.createSubExecutionContext(0.2))};
    }

    @Override
    public InputPortRole[] getInputPortRoles() {
        return StreamedChunks.wholeThenStreamed();
    }

    @Override
    public OutputPortRole[] getOutputPortRoles() {
        return StreamedChunks.distributedOutput();
    }

    @Override
    public StreamableOperator createStreamableOperator(PartitionInfo partitionInfo, PortObjectSpec[] inSpecs)
        throws InvalidSettingsException {
        DataTableSpec tableSpec = (DataTableSpec) inSpecs[1];
        Plan p = plan((RefineModelPortObjectSpec) inSpecs[0], tableSpec);
        return StreamedChunks.operator((whole, exec) -> {
            ProjectionHead head = ((RefineModelPortObject) whole).head();
            return (rows, first) -> {
                VectorColumns.Read data = VectorColumns.read(rows.iterator(), rows.size(), first, tableSpec,
                    p.columns(), -1, head.blockDimensions(), TABLE, exec.createSilentSubProgress(0));
                return VectorColumns.vectorCells(EngineBridge.run(() -> head.apply(data.blocks(),
                    EngineBridge.cancellation(exec), EngineBridge.progress(exec.createSilentSubProgress(0)))));
            };
        });
    }
}
