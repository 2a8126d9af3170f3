package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifiersTest {
    private static final float[][] REF = {{1, 0}, {0.9f, 0.1f}, {0.8f, 0.3f}, {0, 1}, {0.1f, 0.9f}};
    private static final String[] LABELS = {"a", "a", "a", "b", "b"};

    private static List<Prediction> predict(ClassifierOptions o, float[]... q) {
        return Classifiers.fit(REF, LABELS, o, CancellationToken.NONE, ProgressListener.NONE).predict(q,
                CancellationToken.NONE, ProgressListener.NONE);
    }

    @Test
    void knnUniformVoteGivesVoteShares() {
        Prediction p = predict(ClassifierOptions.DEFAULTS.withK(5).withThreads(1), new float[] {1, 0.2f}).get(0);
        assertEquals("a", p.label());
        assertEquals(0.6, p.confidence(), 1e-12);
        assertArrayEquals(new double[] {0.6, 0.4}, p.probabilities(), 1e-12);
    }

    @Test
    void knnDistanceWeightingFavoursCloserNeighbours() {
        ClassifierOptions o = ClassifierOptions.DEFAULTS.withK(5).withWeighting(VoteWeighting.DISTANCE);
        Prediction p = predict(o, new float[] {0.05f, 1}).get(0);
        assertEquals("b", p.label());
        assertTrue(p.confidence() > 0.9, "confidence " + p.confidence());
    }

    @Test
    void rejectThresholdTurnsUncertainPredictionsIntoUnknown() {
        ClassifierOptions o = ClassifierOptions.DEFAULTS.withK(5).withRejectThreshold(0.7);
        Prediction p = predict(o, new float[] {1, 0.2f}).get(0);
        assertEquals(Classifier.UNKNOWN, p.label());
        assertEquals(0.6, p.confidence(), 1e-12);
    }

    @Test
    void tiesGoToLabelOrderOrToNearestNeighbour() {
        float[][] ref = {{1, 0}, {0, 1}};
        String[] labels = {"z", "y"};
        float[] q = {0.2f, 1};
        Prediction byOrder = Classifiers.fit(ref, labels, ClassifierOptions.DEFAULTS.withK(2), CancellationToken.NONE,
                ProgressListener.NONE).predict(new float[][] {q}, CancellationToken.NONE, ProgressListener.NONE).get(0);
        assertEquals("y", byOrder.label());
        Prediction byNearest = Classifiers.fit(new float[][] {{0, 1}, {1, 0}}, new String[] {"b", "a"},
                ClassifierOptions.DEFAULTS.withK(2).withTieBreak(TieBreak.NEAREST_NEIGHBOR), CancellationToken.NONE,
                ProgressListener.NONE).predict(new float[][] {q}, CancellationToken.NONE, ProgressListener.NONE).get(0);
        assertEquals("b", byNearest.label());
    }

    @Test
    void kIsCappedAtSmallestClassOnRequest() {
        ClassifierOptions o = ClassifierOptions.DEFAULTS.withK(10).withCapKAtSmallestClass(true);
        KnnClassifier c = (KnnClassifier) Classifiers.fit(REF, LABELS, o, CancellationToken.NONE,
                ProgressListener.NONE);
        assertEquals(2, c.effectiveK());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Classifiers.fit(REF, LABELS,
                ClassifierOptions.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("k = 10 exceeds the 5 reference rows"), e.getMessage());
    }

    @Test
    void nearestCentroidPicksMostSimilarClassMean() {
        List<Prediction> p = predict(ClassifierOptions.DEFAULTS.withKind(ClassifierKind.NEAREST_CENTROID),
                new float[] {3, 1}, new float[] {-0.1f, 2});
        assertEquals("a", p.get(0).label());
        assertEquals("b", p.get(1).label());
        assertEquals(1.0, p.get(0).probability(0) + p.get(0).probability(1), 1e-12);
    }

    @Test
    void logisticRegressionProbabilitiesMatchScikitLearn() throws Exception {
        List<String[]> train = Fixtures.csv("logreg_train.csv");
        List<String[]> query = Fixtures.csv("logreg_query.csv");
        JsonNode e = Fixtures.expected().get("logreg");
        ClassifierOptions o = ClassifierOptions.DEFAULTS.withKind(ClassifierKind.LOGISTIC_REGRESSION)
                .withInverseRegularization(e.get("C").asDouble()).withThreads(2);
        Classifier c = Classifiers.fit(Fixtures.vectors(train), train.stream().map(r -> r[0]).toArray(String[]::new),
                o, CancellationToken.NONE, ProgressListener.NONE);
        List<String> classes = new ArrayList<>();
        e.get("classes").forEach(n -> classes.add(n.asText()));
        assertEquals(classes, c.classes());
        List<Prediction> p = c.predict(Fixtures.vectors(query), CancellationToken.NONE, ProgressListener.NONE);
        double worst = 0;
        for (int i = 0; i < p.size(); i++) {
            double[] expected = PythonOracle.doubles(e.get("probabilities").get(i));
            for (int k = 0; k < expected.length; k++) {
                worst = Math.max(worst, Math.abs(expected[k] - p.get(i).probability(k)));
            }
        }
        System.out.printf("logistic regression vs scikit-learn: largest probability difference %.2e%n", worst);
        // both optimisers converge to the unique penalised optimum; 1e-6 leaves room for their stopping rules
        assertTrue(worst < 1e-6, "largest probability difference to scikit-learn: " + worst);
    }

    @Test
    void logisticRegressionFitDoesNotDependOnThreadCount() {
        List<String[]> train = Fixtures.csv("logreg_train.csv");
        float[][] x = Fixtures.vectors(train);
        String[] y = train.stream().map(r -> r[0]).toArray(String[]::new);
        ClassifierOptions o = ClassifierOptions.DEFAULTS.withKind(ClassifierKind.LOGISTIC_REGRESSION);
        List<Prediction> one = Classifiers.fit(x, y, o.withThreads(1), CancellationToken.NONE, ProgressListener.NONE)
                .predict(x, CancellationToken.NONE, ProgressListener.NONE);
        List<Prediction> three = Classifiers.fit(x, y, o.withThreads(3), CancellationToken.NONE,
                ProgressListener.NONE).predict(x, CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(one, three);
    }

    @Test
    void fitRejectsMissingLabelsAndMismatchedCounts() {
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Classifiers.fit(REF, null,
                ClassifierOptions.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(none.getMessage().contains("no labels"), none.getMessage());
        assertThrows(InvalidInputException.class, () -> Classifiers.fit(REF, new String[] {"a"},
                ClassifierOptions.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE));
        InvalidInputException blank = assertThrows(InvalidInputException.class, () -> Classifiers.fit(REF,
                new String[] {"a", "a", "", "b", "b"}, ClassifierOptions.DEFAULTS.withK(1), CancellationToken.NONE,
                ProgressListener.NONE));
        assertTrue(blank.getMessage().contains("row 3"), blank.getMessage());
    }

    @Test
    void predictRejectsQueriesOfAnotherDimension() {
        Classifier c = Classifiers.fit(REF, LABELS, ClassifierOptions.DEFAULTS.withKind(ClassifierKind.NEAREST_CENTROID),
                CancellationToken.NONE, ProgressListener.NONE);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> c.predict(new float[][] {{1, 2, 3}}, CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("3 dimensions but 2"), e.getMessage());
    }

    @Test
    void optionsRejectKBelowOne() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ClassifierOptions.DEFAULTS.withK(0));
        assertTrue(e.getMessage().contains("k must be at least 1"), e.getMessage());
    }
}
