package io.github.scllm.knime.refine.contrastivelearner;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

import io.github.scllm.core.refine.ContrastiveTrainer;
import io.github.scllm.core.refine.ProjectionHead;
import io.github.scllm.core.refine.RefineOptions;
import io.github.scllm.core.refine.TrainingEpoch;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.RefineModelPortObject;
import io.github.scllm.knime.refine.port.RefineModelPortObjectSpec;
import io.github.scllm.knime.refine.port.VectorColumns;

/**
 * Trains the contrastive projection head on the labelled rows of its input, appends their refined vectors and
 * outputs the model and the training log.
 */
final class ContrastiveRefineLearnerNodeModel extends SettingsNodeModel<ContrastiveRefineLearnerNodeSettings> {
    private static final String TABLE = "training table";

    /** The spec of the training log table. */
    static final DataTableSpec LOG_SPEC = new DataTableSpec("Training log",
        new String[] {"Epoch", "Training loss", "Validation loss", "Best epoch"},
        new DataType[] {IntCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, BooleanCell.TYPE});

    ContrastiveRefineLearnerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE},
            new PortType[] {BufferedDataTable.TYPE, RefineModelPortObject.TYPE, BufferedDataTable.TYPE},
            new ContrastiveRefineLearnerNodeSettings());
    }

    private record Plan(int[] columns, int label, DataTableSpec outSpec, RefineModelPortObjectSpec modelSpec) {
    }

    private Plan plan(DataTableSpec in) throws InvalidSettingsException {
        if (settings.vectorColumnsModel().getStringArrayValue().length == 0) {
            List<String> c = VectorColumns.candidates(in);
            if (!c.isEmpty()) {
                settings.vectorColumnsModel().setStringArrayValue(new String[] {c.get(0)});
            }
        }
        String[] names = settings.vectorColumnsModel().getStringArrayValue();
        int[] cols = VectorColumns.indices(in, names, TABLE);
        int label = VectorColumns.labelIndex(in, settings.labelColumnModel().getStringValue(), TABLE);
        int[] dims = new int[cols.length];
        for (int b = 0; b < cols.length; b++) {
            dims[b] = VectorColumns.announcedDimension(in.getColumnSpec(cols[b]));
        }
        RefineOptions options = settings.toOptions();
        DataTableSpec out = VectorColumns.appendSpec(in, VectorColumns.vectorSpec(
            VectorColumns.uniqueName(in, settings.outputColumnModel().getStringValue()), options.output(), "dim"));
        return new Plan(cols, label, out, new RefineModelPortObjectSpec(names, dims, options.output(),
            in.getColumnSpec(label).getName()));
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        Plan p = plan((DataTableSpec) inSpecs[0]);
        return new PortObjectSpec[] {p.outSpec(), p.modelSpec(), LOG_SPEC};
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable in = (BufferedDataTable) inObjects[0];
        Plan p = plan(in.getDataTableSpec());
        RefineOptions options = settings.toOptions();
        VectorColumns.Read data = VectorColumns.read(in, p.columns(), p.label(), null, TABLE,
            exec.createSubProgress(0.05));
        ExecutionMonitor training = exec.createSubProgress(0.8);
        ProjectionHead head = EngineBridge.run(() -> ContrastiveTrainer.train(data.blocks(), data.labels(), options,
            EngineBridge.cancellation(exec), EngineBridge.progress(training)));
        ExecutionMonitor applying = exec.createSubProgress(0.1);
        float[][] refined = EngineBridge.run(() -> head.apply(data.blocks(), EngineBridge.cancellation(exec),
            EngineBridge.progress(applying)));

        BufferedDataTable out = VectorColumns.append(in, p.outSpec(),
            i -> new DataCell[] {VectorColumns.vectorCell(refined[i])}, exec.createSubExecutionContext(0.05));
        RefineModelPortObjectSpec spec = new RefineModelPortObjectSpec(p.modelSpec().columns(), data.dimensions(),
            head.outputDimension(), p.modelSpec().labelColumn());
        warn(head);
        return new PortObject[] {out, new RefineModelPortObject(spec, head, data.rows()), log(head, exec)};
    }

    private static BufferedDataTable log(ProjectionHead head, ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(LOG_SPEC);
        for (TrainingEpoch e : head.trainingCurve()) {
            DataCell validation = Double.isNaN(e.validationLoss()) ? DataType.getMissingCell()
                : new DoubleCell(e.validationLoss());
            c.addRowToTable(new DefaultRow(new RowKey("Epoch " + e.epoch()), new IntCell(e.epoch()),
                new DoubleCell(e.trainLoss()), validation, e.epoch() == head.bestEpoch() ? BooleanCell.TRUE
                    : BooleanCell.FALSE));
        }
        c.close();
        return c.getTable();
    }

    private void warn(ProjectionHead head) {
        List<String> notes = new ArrayList<>();
        if (!head.singletonClasses().isEmpty()) {
            notes.add(head.singletonClasses().size() + " class(es) have a single training cell and no positive pair: "
                + head.singletonClasses() + ". They were kept as negatives; add cells of these classes for a "
                + "better projection.");
        }
        notes.addAll(head.warnings());
        if (!notes.isEmpty()) {
            setWarningMessage(String.join(" ", notes));
        }
    }
}
