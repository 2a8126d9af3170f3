package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scllm.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotationMetricsTest {
    private static final double TOL = 1e-12;

    private static void assertAgreesWithSklearn(UnknownPolicy policy, String key) throws Exception {
        List<String[]> rows = Fixtures.csv("metrics_labels.csv");
        String[] truth = rows.stream().map(r -> r[0]).toArray(String[]::new);
        String[] pred = rows.stream().map(r -> r[1]).toArray(String[]::new);
        JsonNode e = Fixtures.expected().get(key);
        AnnotationMetrics m = AnnotationMetrics.score(truth, pred, policy);
        assertEquals(e.get("accuracy").asDouble(), m.accuracy(), TOL);
        assertEquals(e.get("macro_f1").asDouble(), m.macroF1(), TOL);
        assertEquals(e.get("weighted_f1").asDouble(), m.weightedF1(), TOL);
        assertEquals(e.get("kappa").asDouble(), m.kappa(), TOL);
        List<String> classes = new ArrayList<>();
        e.get("classes").forEach(n -> classes.add(n.asText()));
        assertEquals(classes, m.classes());
        List<String> columns = new ArrayList<>();
        e.get("columns").forEach(n -> columns.add(n.asText()));
        assertEquals(columns, m.predictedColumns());
        for (int c = 0; c < classes.size(); c++) {
            ClassScore s = m.perClass().get(c);
            assertEquals(e.get("precision").get(c).asDouble(), s.precision(), TOL, "precision " + s.label());
            assertEquals(e.get("recall").get(c).asDouble(), s.recall(), TOL, "recall " + s.label());
            assertEquals(e.get("f1").get(c).asDouble(), s.f1(), TOL, "f1 " + s.label());
            assertEquals(e.get("support").get(c).asInt(), s.support(), "support " + s.label());
            int[] row = new int[columns.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = e.get("confusion").get(c).get(j).asInt();
            }
            assertArrayEquals(row, m.confusion()[c], "confusion row " + s.label());
        }
    }

    @Test
    void metricsWithUnknownExcludedAgreeWithScikitLearn() throws Exception {
        assertAgreesWithSklearn(UnknownPolicy.EXCLUDE, "metrics_exclude");
    }

    @Test
    void metricsWithUnknownCountedWrongAgreeWithScikitLearn() throws Exception {
        assertAgreesWithSklearn(UnknownPolicy.COUNT_AS_WRONG, "metrics_count_as_wrong");
    }

    @Test
    void coverageCountsRejectedPredictions() {
        String[] t = {"a", "a", "b", "b"};
        String[] p = {"a", Classifier.UNKNOWN, "b", "a"};
        AnnotationMetrics ex = AnnotationMetrics.score(t, p, UnknownPolicy.EXCLUDE);
        assertEquals(0.75, ex.coverage(), TOL);
        assertEquals(1, ex.rejected());
        assertEquals(3, ex.scored());
        assertEquals(2.0 / 3, ex.accuracy(), TOL);
        AnnotationMetrics wrong = AnnotationMetrics.score(t, p, UnknownPolicy.COUNT_AS_WRONG);
        assertEquals(4, wrong.scored());
        assertEquals(0.5, wrong.accuracy(), TOL);
        assertEquals(List.of("a", "b", Classifier.UNKNOWN), wrong.predictedColumns());
    }

    @Test
    void scoringRejectsMismatchedLengthsAndMissingLabels() {
        assertThrows(InvalidInputException.class,
                () -> AnnotationMetrics.score(new String[] {"a"}, new String[] {"a", "b"}, UnknownPolicy.EXCLUDE));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AnnotationMetrics.score(new String[] {"a", null}, new String[] {"a", "b"},
                        UnknownPolicy.EXCLUDE));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> AnnotationMetrics.score(new String[] {"a"},
                new String[] {Classifier.UNKNOWN}, UnknownPolicy.EXCLUDE));
    }
}
