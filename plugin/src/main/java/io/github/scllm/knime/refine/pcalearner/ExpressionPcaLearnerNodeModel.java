package io.github.scllm.knime.refine.pcalearner;

import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.data.ExpressionValues;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.ExpressionInput;
import io.github.scllm.knime.refine.port.PcaModelPortObject;
import io.github.scllm.knime.refine.port.PcaModelPortObjectSpec;
import io.github.scllm.knime.refine.port.VectorColumns;

/**
 * Fits the expression PCA on the training cells (optionally together with unlabelled query cells), appends the
 * components to the training table and outputs the model.
 */
final class ExpressionPcaLearnerNodeModel extends SettingsNodeModel<ExpressionPcaLearnerNodeSettings> {
    private static final String TRAINING = "training table";
    private static final String QUERY = "query table";

    ExpressionPcaLearnerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[] {BufferedDataTable.TYPE, PcaModelPortObject.TYPE}, new ExpressionPcaLearnerNodeSettings());
    }

    /** Columns and output specs, derived the same way in configure and execute. */
    private record Plan(int column, int queryColumn, int[] geneMap, DataTableSpec outSpec,
        PcaModelPortObjectSpec modelSpec) {
    }

    private Plan plan(DataTableSpec train, DataTableSpec query) throws InvalidSettingsException {
        if (settings.columnModel().getStringValue().isBlank()) {
            List<String> c = ExpressionInput.candidates(train);
            if (c.isEmpty()) {
                throw new InvalidSettingsException("The training table has no expression column: connect the "
                    + "cell table of Read scRNA.");
            }
            settings.columnModel().setStringValue(c.get(0));
        }
        String name = settings.columnModel().getStringValue();
        int col = ExpressionInput.column(train, name, TRAINING);
        boolean transductive = settings.transductiveModel().getBooleanValue();
        if (transductive && query == null) {
            throw new InvalidSettingsException("Transductive fitting needs the unlabelled query cells: connect them "
                + "to the second input or switch transductive fitting off.");
        }
        DataColumnSpec colSpec = train.getColumnSpec(col);
        String[] genes = ExpressionInput.genes(colSpec);
        int queryCol = -1;
        int[] map = null;
        if (transductive) {
            queryCol = ExpressionInput.column(query, name, QUERY);
            map = ExpressionInput.geneMap(ExpressionInput.genes(query.getColumnSpec(queryCol)), genes, name);
        }
        int components = settings.componentsModel().getIntValue();
        DataTableSpec out = VectorColumns.appendSpec(train, VectorColumns.vectorSpec(
            VectorColumns.uniqueName(train, settings.outputColumnModel().getStringValue()), components, "PC"));
        return new Plan(col, queryCol, map, out, new PcaModelPortObjectSpec(name, genes,
            genes.length > 0 ? genes.length : -1, settings.inputValuesModel().getStringValue(), components));
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        Plan p = plan((DataTableSpec) inSpecs[0], (DataTableSpec) inSpecs[1]);
        return new PortObjectSpec[] {p.outSpec(), p.modelSpec()};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable train = (BufferedDataTable) inObjects[0];
        BufferedDataTable query = (BufferedDataTable) inObjects[1];
        Plan p = plan(train.getDataTableSpec(), query == null ? null : query.getDataTableSpec());
        PcaOptions options = settings.toOptions();
        boolean counts = settings.counts();
        ExpressionValues.check(train, p.column(), counts, "Input values to '" + ExpressionInput.LOG_NORMALISED + "'");
        if (query != null && !options.transductive()) {
            setWarningMessage("The query cells at the second input were not used: switch on transductive fitting "
                + "to fit the PCA on training and query cells together.");
        }

        ExpressionRows trainRows = ExpressionInput.read(train, p.column(), null, p.modelSpec().geneCount(), counts,
            TRAINING, exec.createSubProgress(0.15));
        ExpressionRows queryRows = p.queryColumn() < 0 ? null : ExpressionInput.read(query, p.queryColumn(),
            p.geneMap(), trainRows.geneCount(), counts, QUERY, exec.createSubProgress(0.1));
        ExecutionMonitor fitting = exec.createSubProgress(0.6);
        ExpressionPca pca = EngineBridge.run(() -> ExpressionPca.fit(trainRows, queryRows, options,
            EngineBridge.cancellation(exec), EngineBridge.progress(fitting)));
        float[][] pcs = EngineBridge.run(() -> pca.transform(trainRows));

        BufferedDataTable out = VectorColumns.append(train, p.outSpec(),
            i -> new DataCell[] {VectorColumns.vectorCell(pcs[i])}, exec.createSubExecutionContext(0.15));
        PcaModelPortObjectSpec spec = new PcaModelPortObjectSpec(p.modelSpec().column(), p.modelSpec().genes(),
            trainRows.geneCount(), p.modelSpec().inputValues(), pca.components());
        return new PortObject[] {out, new PcaModelPortObject(spec, pca, options.highlyVariableGenes(),
            options.clip(), options.seed(), options.transductive(), train.size(),
            queryRows == null ? 0 : queryRows.rowCount())};
    }
}
