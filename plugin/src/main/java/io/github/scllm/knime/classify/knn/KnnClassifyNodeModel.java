package io.github.scllm.knime.classify.knn;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
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
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.StreamableOperator;

import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.ClassifierOptions;
import io.github.scllm.core.classify.Classifiers;
import io.github.scllm.core.classify.Prediction;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.StreamedChunks;
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
        Plan p = plan((DataTableSpec) inSpecs[0], query);
        // the probability columns depend on the classes, which are known only once the reference is read
        return new PortObjectSpec[] {
            settings.probabilitiesModel().getBooleanValue() ? null : outSpec(query, p.labelName(), null)};
    }

    /** A classifier fitted on the reference, and how its predictions become cells. */
    private record Fitted(Classifier classifier, int[] dimensions, boolean withProbabilities, DataTableSpec spec) {
        DataCell[] cells(Prediction pr) {
            DataCell[] cells = new DataCell[2 + (withProbabilities ? classifier.classes().size() : 0)];
            cells[0] = new StringCell(pr.label());
            cells[1] = new DoubleCell(pr.confidence());
            for (int c = 2; c < cells.length; c++) {
                cells[c] = new DoubleCell(pr.probability(c - 2));
            }
            return cells;
        }
    }

    private Fitted fit(BufferedDataTable reference, DataTableSpec query, Plan p, ExecutionContext exec,
        double readShare, double fitShare) throws Exception {
        ClassifierOptions options = settings.toOptions();
        VectorColumns.Read ref = VectorColumns.read(reference, p.referenceColumns(), p.label(), null, REFERENCE,
            exec.createSubProgress(readShare));
        float[][] refVectors = VectorColumns.combine(ref.blocks());
        ExecutionMonitor fitting = exec.createSubProgress(fitShare);
        Classifier classifier = EngineBridge.run(() -> Classifiers.fit(refVectors, ref.labels(), options,
            EngineBridge.cancellation(exec), EngineBridge.progress(fitting)));
        boolean withProbabilities = settings.probabilitiesModel().getBooleanValue();
        return new Fitted(classifier, ref.dimensions(), withProbabilities, outSpec(query, p.labelName(),
            withProbabilities ? classifier.classes() : null));
    }

    private void warnRejected(long rejected, long total) {
        if (rejected > 0) {
            setWarningMessage(rejected + " of " + total + " query cells had a confidence below the "
                + "reject threshold and are labelled '" + Classifier.UNKNOWN + "'.");
        }
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable reference = (BufferedDataTable) inObjects[0];
        BufferedDataTable query = (BufferedDataTable) inObjects[1];
        Plan p = plan(reference.getDataTableSpec(), query.getDataTableSpec());
        Fitted fitted = fit(reference, query.getDataTableSpec(), p, exec, 0.1, 0.3);
        VectorColumns.Read qry = VectorColumns.read(query, p.queryColumns(), -1, fitted.dimensions(), QUERY,
            exec.createSubProgress(0.1));
        float[][] queryVectors = VectorColumns.combine(qry.blocks());
        ExecutionMonitor predicting = exec.createSubProgress(0.4);
        List<Prediction> predictions = EngineBridge.run(() -> fitted.classifier().predict(queryVectors,
            EngineBridge.cancellation(exec), EngineBridge.progress(predicting)));
        long rejected = predictions.stream().filter(pr -> Classifier.UNKNOWN.equals(pr.label())).count();
        warnRejected(rejected, predictions.size());
        return new PortObject[] {VectorColumns.append(query, fitted.spec(), i -> fitted.cells(predictions.get(i)),
            exec.createSubExecutionContext(0.1))};
    }

    /**
     * The query rows are labelled independently of each other, so they stream in chunks, in any number of
     * partitions, while the reference comes whole; with probability columns the output's columns are known only
     * after the reference is read, so then nothing streams.
     */
    @Override
    public InputPortRole[] getInputPortRoles() {
        return streamsQuery() ? StreamedChunks.wholeThenStreamed() : super.getInputPortRoles();
    }

    @Override
    public OutputPortRole[] getOutputPortRoles() {
        return streamsQuery() ? StreamedChunks.distributedOutput() : super.getOutputPortRoles();
    }

    private boolean streamsQuery() {
        return !settings.probabilitiesModel().getBooleanValue();
    }

    @Override
    public StreamableOperator createStreamableOperator(PartitionInfo partitionInfo, PortObjectSpec[] inSpecs)
        throws InvalidSettingsException {
        if (!streamsQuery()) {
            return super.createStreamableOperator(partitionInfo, inSpecs);
        }
        DataTableSpec querySpec = (DataTableSpec) inSpecs[1];
        Plan p = plan((DataTableSpec) inSpecs[0], querySpec);
        return StreamedChunks.operator((whole, exec) -> {
            Fitted fitted = fit((BufferedDataTable) whole, querySpec, p, exec, 0.3, 0.7);
            return new StreamedChunks.ChunkStep() {
                private long rejected;
                private long total;

                @Override
                public DataCell[][] apply(List<DataRow> rows, long first) throws Exception {
                    VectorColumns.Read qry = VectorColumns.read(rows.iterator(), rows.size(), first, querySpec,
                        p.queryColumns(), -1, fitted.dimensions(), QUERY, exec.createSilentSubProgress(0));
                    float[][] vectors = VectorColumns.combine(qry.blocks());
                    List<Prediction> predictions = EngineBridge.run(() -> fitted.classifier().predict(vectors,
                        EngineBridge.cancellation(exec), EngineBridge.progress(exec.createSilentSubProgress(0))));
                    DataCell[][] cells = new DataCell[predictions.size()][];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = fitted.cells(predictions.get(i));
                        rejected += Classifier.UNKNOWN.equals(predictions.get(i).label()) ? 1 : 0;
                    }
                    total += cells.length;
                    return cells;
                }

                @Override
                public void finish() {
                    warnRejected(rejected, total);
                }
            };
        });
    }
}
