package io.github.scllm.knime.classify.knn;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.ClassifierOptions;
import io.github.scllm.core.classify.Classifiers;
import io.github.scllm.core.classify.CorrelationReference;
import io.github.scllm.core.classify.CorrelationReferenceOptions;
import io.github.scllm.core.classify.Prediction;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.ExpressionInput;
import io.github.scllm.knime.refine.port.VectorColumns;

/**
 * Fits the chosen classifier on the labelled reference vectors and labels the query rows: predicted label,
 * confidence and optionally one probability column per class.
 */
final class KnnClassifyNodeModel extends SettingsNodeModel<KnnClassifyNodeSettings> {
    private static final String REFERENCE = "reference table";
    private static final String QUERY = "query table";

    KnnClassifyNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE},
            new PortType[] {BufferedDataTable.TYPE}, new KnnClassifyNodeSettings());
    }

    private record Plan(int[] referenceColumns, int label, int[] queryColumns, String labelName) {
    }

    /** The expression columns of both tables and their genes mapped onto the shared ones (null: by position). */
    private record ExpressionPlan(int reference, int query, int label, String labelName, int[][] sharedGenes) {
    }

    private ExpressionPlan expressionPlan(DataTableSpec reference, DataTableSpec query)
        throws InvalidSettingsException {
        String chosen = settings.expressionColumnModel().getStringValue();
        if (chosen == null || chosen.isBlank()) {
            List<String> c = ExpressionInput.candidates(reference);
            if (!c.isEmpty()) {
                settings.expressionColumnModel().setStringValue(c.get(0));
            }
        }
        String name = settings.expressionColumnModel().getStringValue();
        int ref = ExpressionInput.column(reference, name, REFERENCE);
        int qry = ExpressionInput.column(query, name, QUERY);
        int label = VectorColumns.labelIndex(reference, settings.labelColumnModel().getStringValue(), REFERENCE);
        int[][] shared = ExpressionInput.sharedGenes(ExpressionInput.genes(reference.getColumnSpec(ref)),
            ExpressionInput.genes(query.getColumnSpec(qry)), name);
        settings.correlationOptions();
        return new ExpressionPlan(ref, qry, label, reference.getColumnSpec(label).getName(), shared);
    }

    private Plan plan(DataTableSpec reference, DataTableSpec query) throws InvalidSettingsException {
        if (settings.vectorColumnsModel().getStringArrayValue().length == 0) {
            List<String> c = VectorColumns.candidates(reference);
            if (!c.isEmpty()) {
                settings.vectorColumnsModel().setStringArrayValue(new String[] {c.get(0)});
            }
        }
        String[] names = settings.vectorColumnsModel().getStringArrayValue();
        int[] ref = VectorColumns.indices(reference, names, REFERENCE);
        int label = VectorColumns.labelIndex(reference, settings.labelColumnModel().getStringValue(), REFERENCE);
        int[] qry = VectorColumns.indices(query, names, QUERY);
        for (int b = 0; b < names.length; b++) {
            int r = VectorColumns.announcedDimension(reference.getColumnSpec(ref[b]));
            int q = VectorColumns.announcedDimension(query.getColumnSpec(qry[b]));
            if (r > 0 && q > 0 && r != q) {
                throw new InvalidSettingsException("Column '" + names[b] + "' holds vectors of " + r + " dimensions "
                    + "in the reference table but " + q + " in the query table: both must come from the same "
                    + "embedding (apply the same predictor to both).");
            }
        }
        settings.toOptions();
        return new Plan(ref, label, qry, reference.getColumnSpec(label).getName());
    }

    private DataTableSpec outSpec(DataTableSpec query, String labelName, List<String> classes) {
        List<DataColumnSpec> cols = new ArrayList<>();
        DataTableSpec growing = query;
        String prediction = VectorColumns.uniqueName(growing, settings.predictionColumnModel().getStringValue());
        cols.add(new DataColumnSpecCreator(prediction, StringCell.TYPE).createSpec());
        growing = VectorColumns.appendSpec(query, cols.toArray(DataColumnSpec[]::new));
        cols.add(new DataColumnSpecCreator(VectorColumns.uniqueName(growing, "Confidence"), DoubleCell.TYPE)
            .createSpec());
        if (classes != null) {
            for (String c : classes) {
                growing = VectorColumns.appendSpec(query, cols.toArray(DataColumnSpec[]::new));
                cols.add(new DataColumnSpecCreator(VectorColumns.uniqueName(growing,
                    "P (" + labelName + "=" + c + ")"), DoubleCell.TYPE).createSpec());
            }
        }
        return VectorColumns.appendSpec(query, cols.toArray(DataColumnSpec[]::new));
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec query = (DataTableSpec) inSpecs[1];
        String labelName = settings.correlation() ? expressionPlan((DataTableSpec) inSpecs[0], query).labelName()
            : plan((DataTableSpec) inSpecs[0], query).labelName();
        // the probability columns depend on the classes, which are known only once the reference is read
        return new PortObjectSpec[] {
            settings.probabilitiesModel().getBooleanValue() ? null : outSpec(query, labelName, null)};
    }

    /** The classes and one prediction per query row. */
    private record Labelled(List<String> classes, List<Prediction> predictions, String labelName) {
    }

    private Labelled classifyVectors(BufferedDataTable reference, BufferedDataTable query, ExecutionContext exec)
        throws Exception {
        Plan p = plan(reference.getDataTableSpec(), query.getDataTableSpec());
        ClassifierOptions options = settings.toOptions();
        VectorColumns.Read ref = VectorColumns.read(reference, p.referenceColumns(), p.label(), null, REFERENCE,
            exec.createSubProgress(0.1));
        VectorColumns.Read qry = VectorColumns.read(query, p.queryColumns(), -1, ref.dimensions(), QUERY,
            exec.createSubProgress(0.1));
        float[][] refVectors = VectorColumns.combine(ref.blocks());
        float[][] queryVectors = VectorColumns.combine(qry.blocks());
        ExecutionMonitor fitting = exec.createSubProgress(0.3);
        Classifier classifier = EngineBridge.run(() -> Classifiers.fit(refVectors, ref.labels(), options,
            EngineBridge.cancellation(exec), EngineBridge.progress(fitting)));
        ExecutionMonitor predicting = exec.createSubProgress(0.4);
        List<Prediction> predictions = EngineBridge.run(() -> classifier.predict(queryVectors,
            EngineBridge.cancellation(exec), EngineBridge.progress(predicting)));
        return new Labelled(classifier.classes(), predictions, p.labelName());
    }

    private Labelled classifyExpression(BufferedDataTable reference, BufferedDataTable query, ExecutionContext exec)
        throws Exception {
        ExpressionPlan p = expressionPlan(reference.getDataTableSpec(), query.getDataTableSpec());
        boolean counts = settings.countsInput();
        int genes = p.sharedGenes() == null ? -1 : (int) java.util.Arrays.stream(p.sharedGenes()[0])
            .filter(g -> g >= 0).count();
        ExpressionRows ref = ExpressionInput.read(reference, p.reference(),
            p.sharedGenes() == null ? null : p.sharedGenes()[0], genes, counts, REFERENCE, exec.createSubProgress(0.1));
        ExpressionRows qry = ExpressionInput.read(query, p.query(), p.sharedGenes() == null ? null
            : p.sharedGenes()[1], genes < 0 ? ref.geneCount() : genes, counts, QUERY, exec.createSubProgress(0.1));
        String[] labels = VectorColumns.read(reference, new int[0], p.label(), null, REFERENCE,
            exec.createSubProgress(0.05)).labels();
        CorrelationReferenceOptions options = settings.correlationOptions();
        ExecutionMonitor fitting = exec.createSubProgress(0.25);
        CorrelationReference fitted = EngineBridge.run(() -> CorrelationReference.fit(ref, labels, options,
            EngineBridge.cancellation(exec), EngineBridge.progress(fitting)));
        ExecutionMonitor predicting = exec.createSubProgress(0.4);
        List<Prediction> predictions = EngineBridge.run(() -> fitted.predict(qry, EngineBridge.cancellation(exec),
            EngineBridge.progress(predicting)));
        return new Labelled(fitted.classes(), predictions, p.labelName());
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable reference = (BufferedDataTable) inObjects[0];
        BufferedDataTable query = (BufferedDataTable) inObjects[1];
        Labelled result = settings.correlation() ? classifyExpression(reference, query, exec)
            : classifyVectors(reference, query, exec);
        List<Prediction> predictions = result.predictions();

        boolean withProbabilities = settings.probabilitiesModel().getBooleanValue();
        int classes = result.classes().size();
        DataTableSpec spec = outSpec(query.getDataTableSpec(), result.labelName(),
            withProbabilities ? result.classes() : null);
        int rejected = 0;
        for (Prediction pr : predictions) {
            rejected += Classifier.UNKNOWN.equals(pr.label()) ? 1 : 0;
        }
        if (rejected > 0) {
            setWarningMessage(rejected + " of " + predictions.size() + " query cells " + (settings.correlation()
                ? "were pruned (their best score stands out too little)" : "had a confidence below the reject "
                + "threshold") + " and are labelled '" + Classifier.UNKNOWN + "'.");
        }
        return new PortObject[] {VectorColumns.append(query, spec, i -> {
            Prediction pr = predictions.get(i);
            DataCell[] cells = new DataCell[2 + (withProbabilities ? classes : 0)];
            cells[0] = new StringCell(pr.label());
            cells[1] = new DoubleCell(pr.confidence());
            for (int c = 2; c < cells.length; c++) {
                cells[c] = new DoubleCell(pr.probability(c - 2));
            }
            return cells;
        }, exec.createSubExecutionContext(0.1))};
    }
}
