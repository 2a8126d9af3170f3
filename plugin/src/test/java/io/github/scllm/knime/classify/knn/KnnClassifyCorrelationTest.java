package io.github.scllm.knime.classify.knn;

import static io.github.scllm.knime.refine.port.LearnTestData.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.CorrelationReference;
import io.github.scllm.core.classify.CorrelationReferenceOptions;
import io.github.scllm.core.classify.Prediction;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.knime.refine.port.LearnTestData;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

/** KNN Classify's correlation-to-reference classifier on the expression column of real PBMC cells. */
class KnnClassifyCorrelationTest {

    static KnnClassifyNodeModel model(Object... more) throws InvalidSettingsException {
        return set(set(new KnnClassifyNodeModel(), "classifier", KnnClassifyNodeSettings.CORRELATION, "label_column",
            "cell_type", "threads", 2), more);
    }

    @Test
    void labelsTheQueryLikeTheEngineWithGenesMatchedByName() throws Exception {
        LearnTestData.Pbmc pbmc = LearnTestData.pbmc();
        int n = pbmc.counts().length;
        int g = pbmc.genes().length;
        float[][] ref = new float[(n + 1) / 2][];
        String[] refLabels = new String[ref.length];
        float[][] qry = new float[n / 2][];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                ref[i / 2] = pbmc.counts()[i];
                refLabels[i / 2] = pbmc.labels()[i];
            } else {
                qry[i / 2] = pbmc.counts()[i];
            }
        }
        // the query's genes in reverse order: the node must match them by name
        String[] reversedGenes = new String[g];
        float[][] reversed = new float[qry.length][g];
        for (int j = 0; j < g; j++) {
            reversedGenes[j] = pbmc.genes()[g - 1 - j];
            for (int i = 0; i < qry.length; i++) {
                reversed[i][j] = qry[i][g - 1 - j];
            }
        }
        BufferedDataTable out = NodeHarness.execute(model("prune", false), new RecordingExecution(),
            LearnTestData.expressionTable(pbmc.genes(), ref, refLabels),
            LearnTestData.expressionTable(reversedGenes, reversed, null))[0] instanceof BufferedDataTable t ? t : null;
        assertTrue(out != null);

        List<Prediction> expected = CorrelationReference.fit(ExpressionRows.dense(logNormalised(ref)), refLabels,
            CorrelationReferenceOptions.DEFAULTS.withPrune(false).withThreads(1), CancellationToken.NONE,
            ProgressListener.NONE).predict(ExpressionRows.dense(logNormalised(qry)), CancellationToken.NONE,
                ProgressListener.NONE);
        List<DataRow> rows = Tables.rows(out);
        int label = out.getDataTableSpec().findColumnIndex("Predicted label");
        int right = 0;
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(expected.get(i).label(), ((StringValue) rows.get(i).getCell(label)).getStringValue());
            assertEquals(expected.get(i).confidence(),
                ((DoubleValue) rows.get(i).getCell(label + 1)).getDoubleValue(), 1e-6);
            right += expected.get(i).label().equals(pbmc.labels()[2 * i + 1]) ? 1 : 0;
        }
        assertTrue(right > 0.7 * rows.size(), right + " of " + rows.size() + " query cells right");
    }

    @Test
    void settingsOfAnEarlierVersionLoadWithTheNewDefaults() throws Exception {
        NodeSettings saved = NodeHarness.saveSettings(model());
        NodeSettings earlier = NodeHarness.fromXml(NodeHarness.toXml(saved).replaceAll(
            "\\s*<entry key=\"(expression_column|expression_values|prune)\"[^>]*/>", ""));
        assertTrue(!earlier.containsKey("prune") && !earlier.containsKey("expression_column"));
        KnnClassifyNodeModel m = new KnnClassifyNodeModel();
        NodeHarness.loadSettings(m, earlier);
        NodeSettings completed = NodeHarness.saveSettings(m);
        assertTrue(completed.getBoolean("prune"));
        assertEquals("raw counts", completed.getString("expression_values"));
    }

    @Test
    void aTableWithoutExpressionIsRefusedNamingTheColumns() throws Exception {
        BufferedDataTable vectors = KnnClassifyNodeModelTest.reference();
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.configure(
            model(), vectors.getDataTableSpec(), KnnClassifyNodeModelTest.query().getDataTableSpec()));
        assertTrue(e.getMessage().contains("expression column"), e.getMessage());
    }

    private static float[][] logNormalised(float[][] counts) {
        float[][] out = new float[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            double total = 0;
            for (float v : counts[i]) {
                total += v;
            }
            out[i] = new float[counts[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = (float) Math.log1p(counts[i][j] * 10_000.0 / total);
            }
        }
        return out;
    }
}
