package io.github.scllm.knime.classify.knn;

import static io.github.scllm.knime.refine.port.LearnTestData.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.ClassifierKind;
import io.github.scllm.core.classify.ClassifierOptions;
import io.github.scllm.core.classify.Classifiers;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.classify.Prediction;
import io.github.scllm.core.classify.VoteWeighting;
import io.github.scllm.knime.embed.EmbeddingColumns;
import io.github.scllm.knime.refine.port.LearnTestData;
import io.github.scllm.knime.refine.port.VectorColumns;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class KnnClassifyNodeModelTest {
    static final float[][] REF = LearnTestData.clusters(90, 8, 3, 1.2, 51);
    static final float[][] REF2 = LearnTestData.clusters(90, 3, 3, 0.8, 52);
    static final String[] LABELS = LearnTestData.labels(90, 3);
    static final float[][] QRY = LearnTestData.clusters(30, 8, 3, 1.2, 53);
    static final float[][] QRY2 = LearnTestData.clusters(30, 3, 3, 0.8, 54);

    static BufferedDataTable reference() {
        return LearnTestData.vectorTable(new String[] {"v", "w"}, LABELS, REF, REF2);
    }

    static BufferedDataTable query() {
        return LearnTestData.vectorTable(new String[] {"v", "w"}, null, QRY, QRY2);
    }

    static KnnClassifyNodeModel model(Object... more) throws InvalidSettingsException {
        return set(set(new KnnClassifyNodeModel(), "vector_columns", new String[] {"v"}, "label_column", "label",
            "threads", 1), more);
    }

    static List<Prediction> engine(float[][] ref, float[][] query, ClassifierOptions o) {
        Classifier c = Classifiers.fit(ref, LABELS, o.withThreads(1), CancellationToken.NONE, ProgressListener.NONE);
        return c.predict(query, CancellationToken.NONE, ProgressListener.NONE);
    }

    static void assertSamePredictions(List<Prediction> expected, BufferedDataTable out, String column) {
        int label = out.getDataTableSpec().findColumnIndex(column);
        List<DataRow> rows = Tables.rows(out);
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(expected.get(i).label(), ((StringValue) rows.get(i).getCell(label)).getStringValue(),
                "row " + i);
            assertEquals(expected.get(i).confidence(), ((DoubleValue) rows.get(i).getCell(label + 1))
                .getDoubleValue(), 1e-12, "row " + i);
        }
    }

    @Test
    void settingsSurviveAnXmlRoundTripAndDefaultToTheMethod() throws Exception {
        NodeSettings d = NodeHarness.saveSettings(new KnnClassifyNodeModel());
        assertEquals(10, d.getInt("k"));
        assertEquals("cosine", d.getString("metric"));
        assertEquals("uniform", d.getString("weighting"));
        assertEquals(KnnClassifyNodeSettings.KNN, d.getString("classifier"));
        assertEquals(0.0, d.getDouble("reject_threshold"));
        KnnClassifyNodeModel m = model("k", 5, "metric", "euclidean", "classifier", KnnClassifyNodeSettings.CENTROID,
            "reject_threshold", 0.4, "class_probabilities", true);
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)),
            NodeHarness.toXml(NodeHarness.settingsRoundTrip(m, new KnnClassifyNodeModel())));
        assertThrows(InvalidSettingsException.class, () -> model("metric", "manhattan"));
    }

    @Test
    void configureAppendsPredictionAndConfidenceToTheQuery() throws Exception {
        DataTableSpec out = (DataTableSpec) NodeHarness.configure(model(), reference().getDataTableSpec(),
            query().getDataTableSpec())[0];
        assertEquals(List.of("v", "w", "Predicted label", "Confidence"), List.of(out.getColumnNames()));
        assertNull(NodeHarness.configure(model("class_probabilities", true), reference().getDataTableSpec(),
            query().getDataTableSpec())[0], "the class columns are known only after execution");
    }

    /** Specs as KNIME builds them for LLM Embed's output: no element names, the dimension in a column property. */
    @Test
    void dimensionsAnnouncedByEmbeddingColumnsAreCheckedInConfigure() throws Exception {
        DataTableSpec ref = new DataTableSpec(EmbeddingColumns.spec("v", "local", null, 384),
            new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
        assertTrue(ref.getColumnSpec("v").getElementNames().isEmpty());
        DataTableSpec otherModel = new DataTableSpec(EmbeddingColumns.spec("v", "openai", null, 1536));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model(), ref, otherModel));
        assertTrue(e.getMessage().contains("384 dimensions in the reference table but 1536 in the query"),
            e.getMessage());
        DataTableSpec sameModel = new DataTableSpec(EmbeddingColumns.spec("v", "local", null, 384));
        NodeHarness.configure(model(), ref, sameModel);
    }

    @Test
    void configureNamesMissingColumnsAndMismatchedDimensions() throws Exception {
        DataTableSpec ref = reference().getDataTableSpec();
        DataTableSpec onlyW = LearnTestData.vectorTable(new String[] {"w"}, null, QRY2).getDataTableSpec();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model(), ref, onlyW));
        assertTrue(e.getMessage().contains("query table has no column 'v'"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configure(model("label_column", "cell_type"), ref, query().getDataTableSpec()));
        assertTrue(e.getMessage().contains("no label column 'cell_type'"), e.getMessage());
        DataTableSpec otherDims = LearnTestData.vectorTable(new String[] {"v"}, null,
            LearnTestData.clusters(4, 5, 1, 0, 1)).getDataTableSpec();
        e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(model(), ref, otherDims));
        assertTrue(e.getMessage().contains("8 dimensions in the reference table but 5 in the query"),
            e.getMessage());
    }

    @Test
    void everyClassifierPredictsWhatTheEnginePredicts() throws Exception {
        ClassifierOptions base = ClassifierOptions.DEFAULTS.withK(7).withMetric(DistanceMetric.EUCLIDEAN)
            .withWeighting(VoteWeighting.DISTANCE);
        Object[][] cases = {{KnnClassifyNodeSettings.KNN, ClassifierKind.KNN},
            {KnnClassifyNodeSettings.CENTROID, ClassifierKind.NEAREST_CENTROID},
            {KnnClassifyNodeSettings.LOGISTIC, ClassifierKind.LOGISTIC_REGRESSION}};
        for (Object[] c : cases) {
            KnnClassifyNodeModel m = model("classifier", c[0], "k", 7, "metric", "euclidean", "weighting",
                "distance");
            BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m, new RecordingExecution(), reference(),
                query())[0];
            assertSamePredictions(engine(REF, QRY, base.withKind((ClassifierKind) c[1])), out, "Predicted label");
        }
    }

    @Test
    void severalVectorColumnsAreNormalisedBlockByBlockAndConcatenated() throws Exception {
        KnnClassifyNodeModel m = model("vector_columns", new String[] {"v", "w"}, "class_probabilities", true);
        BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m, new RecordingExecution(), reference(),
            query())[0];
        List<Prediction> expected = engine(hybrid(REF, REF2), hybrid(QRY, QRY2), ClassifierOptions.DEFAULTS);
        assertSamePredictions(expected, out, "Predicted label");
        assertEquals(List.of("v", "w", "Predicted label", "Confidence", "P (label=A)", "P (label=B)", "P (label=C)"),
            List.of(out.getDataTableSpec().getColumnNames()));
        DataRow first = Tables.rows(out).get(0);
        double[] probabilities = new double[3];
        for (int c = 0; c < 3; c++) {
            probabilities[c] = ((DoubleValue) first.getCell(4 + c)).getDoubleValue();
        }
        assertArrayEquals(expected.get(0).probabilities(), probabilities, 1e-12);
    }

    /** L2 of each block, concatenated: written here independently of the node. */
    private static float[][] hybrid(float[][] a, float[][] b) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            double na = 0;
            double nb = 0;
            for (float x : a[i]) {
                na += x * (double) x;
            }
            for (float x : b[i]) {
                nb += x * (double) x;
            }
            out[i] = new float[a[i].length + b[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = (float) (a[i][j] / Math.sqrt(na));
            }
            for (int j = 0; j < b[i].length; j++) {
                out[i][a[i].length + j] = (float) (b[i][j] / Math.sqrt(nb));
            }
        }
        return out;
    }

    @Test
    void lowConfidencePredictionsBecomeUnknownAboveTheRejectThreshold() throws Exception {
        KnnClassifyNodeModel m = model("reject_threshold", 0.75);
        BufferedDataTable out = (BufferedDataTable) NodeHarness.execute(m, new RecordingExecution(), reference(),
            query())[0];
        List<Prediction> expected = engine(REF, QRY, ClassifierOptions.DEFAULTS.withRejectThreshold(0.75));
        assertSamePredictions(expected, out, "Predicted label");
        long unknown = expected.stream().filter(p -> p.label().equals(Classifier.UNKNOWN)).count();
        assertTrue(unknown > 0 && unknown < expected.size(), "the threshold should reject some cells: " + unknown);
        assertTrue(NodeHarness.warning(m).toString().contains(unknown + " of 30"), NodeHarness.warning(m).toString());
    }

    @Test
    void missingVectorsLabelsAndOtherDimensionsFailNamingTheRow() throws Exception {
        float[][] q = QRY.clone();
        q[4] = null;
        KNIMEException e = assertThrows(KNIMEException.class, () -> NodeHarness.execute(model(),
            new RecordingExecution(), reference(), LearnTestData.vectorTable(new String[] {"v"}, null, q)));
        assertTrue(e.getMessage().contains("'cell5' (row 5) of the query table has no vector in column 'v'"),
            e.getMessage());
        String[] labels = LABELS.clone();
        labels[0] = null;
        e = assertThrows(KNIMEException.class, () -> NodeHarness.execute(model(), new RecordingExecution(),
            LearnTestData.vectorTable(new String[] {"v"}, labels, REF), query()));
        assertTrue(e.getMessage().contains("'cell1' (row 1) of the reference table has no label"), e.getMessage());
        float[][] shorter = QRY.clone();
        shorter[2] = new float[] {1, 2};
        e = assertThrows(KNIMEException.class, () -> NodeHarness.execute(model(), new RecordingExecution(),
            reference(), LearnTestData.vectorTable(new String[] {"v"}, null, shorter)));
        assertTrue(e.getMessage().contains("'cell3'") && e.getMessage().contains("2 dimensions but 8"),
            e.getMessage());
    }

    @Test
    void aReferenceLabelledUnknownIsRejectedByTheEngine() throws Exception {
        String[] labels = LABELS.clone();
        labels[3] = Classifier.UNKNOWN;
        KNIMEException e = assertThrows(KNIMEException.class, () -> NodeHarness.execute(model(),
            new RecordingExecution(), LearnTestData.vectorTable(new String[] {"v"}, labels, REF), query()));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }

    @Test
    void classificationStopsWhenCancelled() throws Exception {
        RecordingExecution exec = new RecordingExecution();
        exec.cancel();
        assertThrows(CanceledExecutionException.class,
            () -> NodeHarness.execute(model(), exec, reference(), query()));
    }

    @Test
    void vectorColumnsFromThePredictorsAreAccepted() {
        assertEquals(List.of("v", "w"), VectorColumns.candidates(reference().getDataTableSpec()));
    }

    @Test
    void theDialogShowsAndSavesTheNodesSettings() throws Exception {
        org.knime.core.node.NodeSettings saved = NodeHarness.saveSettings(model("vector_columns", new String[] {"v", "w"}, "k", 3, "classifier", KnnClassifyNodeSettings.LOGISTIC));
        KnnClassifyNodeDialog dialog = new KnnClassifyNodeDialog();
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {reference().getDataTableSpec(), query().getDataTableSpec()});
        org.knime.core.node.NodeSettings fromDialog = new org.knime.core.node.NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        // the order of keys is free; every key and value must survive
        assertEquals(sortedLines(NodeHarness.toXml(saved)), sortedLines(NodeHarness.toXml(fromDialog)));
    }

    private static java.util.List<String> sortedLines(String xml) {
        return xml.lines().map(String::trim).sorted().toList();
    }
}
