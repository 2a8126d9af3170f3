package io.github.scllm.knime.classify;

import static io.github.scllm.knime.refine.port.LearnTestData.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;

import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.UnknownPolicy;
import io.github.scllm.knime.classify.knn.KnnClassifyNodeFactory;
import io.github.scllm.knime.classify.scorer.AnnotationScorerNodeFactory;
import io.github.scllm.knime.refine.contrastivelearner.ContrastiveRefineLearnerNodeFactory;
import io.github.scllm.knime.refine.contrastivepredictor.ContrastiveRefinePredictorNodeFactory;
import io.github.scllm.knime.refine.pcalearner.ExpressionPcaLearnerNodeFactory;
import io.github.scllm.knime.refine.pcapredictor.ExpressionPcaPredictorNodeFactory;
import io.github.scllm.knime.refine.port.LearnTestData;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

/**
 * The learning nodes chained as in a workflow on the real labelled PBMC set (pbmc68k_reduced, raw counts,
 * bulk_labels): every fifth cell is a test cell, everything is fitted on the other cells.
 */
class LearningWorkflowTest {

    private static PortObject[] run(NodeModel m, PortObject... in) throws Exception {
        return NodeHarness.execute(m, new RecordingExecution(), in);
    }

    /** Runs KNN Classify and Annotation Scorer; checks the scorer against the engine; returns the accuracy. */
    private static double classifyAndScore(BufferedDataTable reference, BufferedDataTable query, String column,
        String classifier) throws Exception {
        NodeModel knn = set(new KnnClassifyNodeFactory().createNodeModel(), "vector_columns", new String[] {column},
            "label_column", "cell_type", "classifier", classifier, "threads", 2);
        BufferedDataTable labelled = (BufferedDataTable) run(knn, reference, query)[0];
        NodeModel scorer = set(new AnnotationScorerNodeFactory().createNodeModel(), "truth_column", "cell_type",
            "prediction_column", "Predicted label");
        PortObject[] scores = run(scorer, labelled);

        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        int t = labelled.getDataTableSpec().findColumnIndex("cell_type");
        int p = labelled.getDataTableSpec().findColumnIndex("Predicted label");
        for (DataRow r : Tables.rows(labelled)) {
            truth.add(((StringValue) r.getCell(t)).getStringValue());
            predicted.add(((StringValue) r.getCell(p)).getStringValue());
        }
        AnnotationMetrics m = AnnotationMetrics.score(truth.toArray(String[]::new),
            predicted.toArray(String[]::new), UnknownPolicy.EXCLUDE);
        DataRow overall = Tables.rows((BufferedDataTable) scores[0]).get(0);
        assertEquals(m.accuracy(), ((DoubleValue) overall.getCell(0)).getDoubleValue(), 1e-12);
        assertEquals(m.kappa(), ((DoubleValue) overall.getCell(3)).getDoubleValue(), 1e-12);
        return m.accuracy();
    }

    @Test
    void pcaKnnContrastiveAndTransductivePathsLabelRealPbmcCells() throws Exception {
        LearnTestData.Pbmc pbmc = LearnTestData.pbmc();
        List<float[]> trainRows = new ArrayList<>();
        List<float[]> testRows = new ArrayList<>();
        List<String> trainLabels = new ArrayList<>();
        List<String> testLabels = new ArrayList<>();
        for (int i = 0; i < pbmc.counts().length; i++) {
            (i % 5 == 0 ? testRows : trainRows).add(pbmc.counts()[i]);
            (i % 5 == 0 ? testLabels : trainLabels).add(pbmc.labels()[i]);
        }
        BufferedDataTable train = LearnTestData.expressionTable(pbmc.genes(), trainRows.toArray(float[][]::new),
            trainLabels.toArray(String[]::new));
        BufferedDataTable test = LearnTestData.expressionTable(pbmc.genes(), testRows.toArray(float[][]::new),
            testLabels.toArray(String[]::new));

        PortObject[] pca = run(set(new ExpressionPcaLearnerNodeFactory().createNodeModel(), "threads", 2), train,
            null);
        BufferedDataTable trainPca = (BufferedDataTable) pca[0];
        BufferedDataTable testPca = (BufferedDataTable) run(new ExpressionPcaPredictorNodeFactory()
            .createNodeModel(), pca[1], test)[0];
        double pcaKnn = classifyAndScore(trainPca, testPca, "PCA", "k-nearest neighbours");

        PortObject[] refine = run(set(new ContrastiveRefineLearnerNodeFactory().createNodeModel(),
            "vector_columns", new String[] {"PCA"}, "label_column", "cell_type", "threads", 2), trainPca);
        BufferedDataTable testRefined = (BufferedDataTable) run(new ContrastiveRefinePredictorNodeFactory()
            .createNodeModel(), refine[1], testPca)[0];
        double refinedKnn = classifyAndScore((BufferedDataTable) refine[0], testRefined, "Refined",
            "k-nearest neighbours");

        PortObject[] transductive = run(set(new ExpressionPcaLearnerNodeFactory().createNodeModel(), "threads", 2,
            "transductive", true), train, test);
        BufferedDataTable testTransductive = (BufferedDataTable) run(new ExpressionPcaPredictorNodeFactory()
            .createNodeModel(), transductive[1], test)[0];
        double centroid = classifyAndScore((BufferedDataTable) transductive[0], testTransductive, "PCA",
            "nearest centroid");

        System.out.printf("pbmc68k_reduced, 560 training / 140 test cells: PCA-50 kNN %.3f, PCA-50 + SupCon kNN "
            + "%.3f, transductive PCA nearest centroid %.3f%n", pcaKnn, refinedKnn, centroid);
        // scikit-learn (StandardScaler-like z-scores with training mean/sd, clip 10, PCA(50), cosine kNN k=10) on
        // this very split: 0.750; over stratified 80/20 splits an independent implementation reports 0.830 +- 0.018,
        // so this split is a hard one. Allow four cells of difference to the exact-SVD reference.
        assertEquals(0.750, pcaKnn, 0.03, "PCA-50 kNN accuracy");
        // majority class 0.343: the refined and centroid paths must be far above it
        assertTrue(refinedKnn >= 0.65, "PCA-50 + SupCon kNN accuracy " + refinedKnn);
        assertTrue(centroid >= 0.65, "transductive PCA nearest centroid accuracy " + centroid);
    }
}
