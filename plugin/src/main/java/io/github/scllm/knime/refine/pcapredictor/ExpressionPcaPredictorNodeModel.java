package io.github.scllm.knime.refine.pcapredictor;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.StreamableOperator;

import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.ExpressionInput;
import io.github.scllm.knime.refine.port.PcaModelPortObject;
import io.github.scllm.knime.refine.port.PcaModelPortObjectSpec;
import io.github.scllm.knime.refine.port.StreamedChunks;
import io.github.scllm.knime.refine.port.VectorColumns;

/**
 * Projects the cells of a table onto a fitted expression PCA and appends the components as a vector column. Each
 * cell's projection depends on that cell only, so in KNIME's streaming executor the cells stream in chunks, in any
 * number of partitions, while the model comes whole.
 */
final class ExpressionPcaPredictorNodeModel extends SettingsNodeModel<ExpressionPcaPredictorNodeSettings> {
    private static final String TABLE = "input table";

    ExpressionPcaPredictorNodeModel() {
        super(new PortType[] {PcaModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[] {BufferedDataTable.TYPE}, new ExpressionPcaPredictorNodeSettings());
    }

    private record Plan(int column, int[] geneMap, DataTableSpec outSpec) {
    }

    private Plan plan(PcaModelPortObjectSpec model, DataTableSpec table) throws InvalidSettingsException {
        if (model == null) {
            throw new InvalidSettingsException("No Expression PCA model: connect the model output of an Expression "
                + "PCA Learner.");
        }
        int col = ExpressionInput.column(table, model.column(), TABLE);
        String[] genes = ExpressionInput.genes(table.getColumnSpec(col));
        int[] map = ExpressionInput.geneMap(genes, model.genes(), model.column());
        if (map == null && genes.length > 0 && model.geneCount() > 0 && genes.length != model.geneCount()) {
            throw new InvalidSettingsException("Column '" + model.column() + "' has " + genes.length + " genes but "
                + "the model was fitted on " + model.geneCount() + ": read the cells with the training gene list.");
        }
        DataTableSpec out = VectorColumns.appendSpec(table, VectorColumns.vectorSpec(
            VectorColumns.uniqueName(table, settings.outputColumnModel().getStringValue()), model.components(),
            "PC"));
        return new Plan(col, map, out);
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return new PortObjectSpec[] {
            plan((PcaModelPortObjectSpec) inSpecs[0], (DataTableSpec) inSpecs[1]).outSpec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        PcaModelPortObject model = (PcaModelPortObject) inObjects[0];
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        Plan p = plan(model.getSpec(), table.getDataTableSpec());
        ExpressionPca pca = model.pca();
        ExpressionRows rows = ExpressionInput.read(table, p.column(), p.geneMap(), pca.geneCount(),
            ExpressionInput.COUNTS.equals(model.getSpec().inputValues()), TABLE, exec.createSubProgress(0.4));
        exec.checkCanceled();
        float[][] pcs = EngineBridge.run(() -> pca.transform(rows));
        return new PortObject[] {VectorColumns.append(table, p.outSpec(),
            i -> new DataCell[] {VectorColumns.vectorCell(pcs[i])}, exec.createSubExecutionContext(0.4))};
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
        Plan p = plan((PcaModelPortObjectSpec) inSpecs[0], tableSpec);
        return StreamedChunks.operator((whole, exec) -> {
            PcaModelPortObject model = (PcaModelPortObject) whole;
            ExpressionPca pca = model.pca();
            boolean counts = ExpressionInput.COUNTS.equals(model.getSpec().inputValues());
            return (rows, first) -> {
                ExpressionRows chunk = ExpressionInput.read(rows.iterator(), rows.size(), first, tableSpec,
                    p.column(), p.geneMap(), pca.geneCount(), counts, TABLE, exec.createSilentSubProgress(0));
                return VectorColumns.vectorCells(EngineBridge.run(() -> pca.transform(chunk)));
            };
        });
    }
}
