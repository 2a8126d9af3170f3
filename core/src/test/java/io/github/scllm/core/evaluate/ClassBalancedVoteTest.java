package io.github.scllm.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.SharedTestData;
import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.ClassScore;
import io.github.scllm.core.classify.ClassifierOptions;
import io.github.scllm.core.classify.Classifiers;
import io.github.scllm.core.classify.UnknownPolicy;
import io.github.scllm.core.classify.VoteWeighting;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Class-balanced KNN votes let rare classes be predicted. */
class ClassBalancedVoteTest {

    @Test
    void aBalancedVoteLetsTwoCellsOfARareClassOutvoteThreeOfACommonOne() {
        // 30 cells of A around (1, 0), 2 cells of B near (0.6, 0.8); the query's 5 nearest: 3 A, 2 B
        float[][] ref = new float[32][];
        String[] labels = new String[32];
        for (int i = 0; i < 30; i++) {
            double angle = (i - 15) * 0.02;
            ref[i] = new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
            labels[i] = "A";
        }
        ref[30] = new float[] {0.6f, 0.8f};
        ref[31] = new float[] {0.62f, 0.78f};
        labels[30] = "B";
        labels[31] = "B";
        float[][] query = {{0.85f, 0.53f}};
        ClassifierOptions o = ClassifierOptions.DEFAULTS.withK(5).withThreads(1);
        assertEquals("A", Classifiers.fit(ref, labels, o, CancellationToken.NONE, ProgressListener.NONE)
                .predict(query, CancellationToken.NONE, ProgressListener.NONE).get(0).label());
        assertEquals("B", Classifiers.fit(ref, labels, o.withWeighting(VoteWeighting.CLASS_BALANCED),
                CancellationToken.NONE, ProgressListener.NONE).predict(query, CancellationToken.NONE,
                        ProgressListener.NONE).get(0).label());
    }

    @Tag("integration")
    @Test
    void onMouseLungTheBalancedVoteFindsMoreClassesThanTheUniformOne() {
        CellData cells;
        try (CellMatrixReader reader = CellMatrixReaders.open(
                SharedTestData.file("mouse_lung_aec2/mouse_lung_aec2_counts.h5ad"), ReadOptions.DEFAULTS)) {
            cells = CellData.read(reader, "cell_type", true, ExpressionScale.COUNTS, CancellationToken.NONE,
                    ProgressListener.NONE);
        }
        String[] labels = cells.labels();
        Splits.Split split = Splits.stratified(labels, Splits.plan(labels).eligible(), 0.5, 1);
        String[] truth = Arrays.stream(split.test()).mapToObj(i -> labels[i]).toArray(String[]::new);
        int[] found = new int[2];
        double[] macro = new double[2];
        VoteWeighting[] votes = {VoteWeighting.UNIFORM, VoteWeighting.CLASS_BALANCED};
        for (int v = 0; v < 2; v++) {
            MethodPipeline pipeline = new MethodPipeline(cells, null, null,
                    PipelineOptions.DEFAULTS.withThreads(2).withWeighting(votes[v]));
            MethodOutcome o = pipeline.run(Method.EXPRESSION_PCA_KNN, split.train(), split.test(), 1,
                    CancellationToken.NONE, ProgressListener.NONE);
            AnnotationMetrics m = AnnotationMetrics.score(truth, o.predicted(), UnknownPolicy.EXCLUDE);
            StringBuilder recall = new StringBuilder();
            for (ClassScore c : m.perClass()) {
                recall.append(String.format(Locale.ROOT, " %s %.2f (%d)", c.label(), c.recall(), c.support()));
                found[v] += c.recall() > 0 ? 1 : 0;
            }
            macro[v] = m.macroF1();
            System.out.printf(Locale.ROOT, "mouse lung 50/50, expression_pca_knn, %s vote: accuracy %.3f, macro F1 "
                    + "%.3f, %d classes found; recall:%s%n", votes[v], m.accuracy(), m.macroF1(), found[v], recall);
        }
        assertTrue(found[1] > found[0], "classes found: uniform " + found[0] + ", balanced " + found[1]);
        assertTrue(macro[1] > macro[0], "macro F1: uniform " + macro[0] + ", balanced " + macro[1]);
    }
}
