package io.github.scllm.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.Calibration;
import io.github.scllm.core.genes.Fallback;
import io.github.scllm.core.genes.GeneDescriptionLookup;
import io.github.scllm.core.genes.LookupResult;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.genes.SummaryTableSource;
import io.github.scllm.core.refine.RefineOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    static final PipelineOptions FAST = PipelineOptions.DEFAULTS.withThreads(2)
            .withRefine(RefineOptions.DEFAULTS.withSizes(64, 32).withEpochs(30, 7));

    @TempDir
    static Path dir;
    static Synthetic data;
    static CellData cells;
    static CellGenes cellGenes;
    static GeneVectors vectors;
    static HashTextEmbedder embedder;

    @BeforeAll
    static void prepare() {
        data = Synthetic.generate(new int[] {40, 30, 25, 20}, 40, 7);
        cells = data.cells();
        Path descriptions = dir.resolve("descriptions.tsv");
        data.writeDescriptions(descriptions, 5);
        cellGenes = CellGenes.select(cells, 20, CancellationToken.NONE);
        LookupResult lookup = new GeneDescriptionLookup(Organism.HUMAN,
                List.of(SummaryTableSource.load(descriptions)), Fallback.SYMBOL_AND_NAME, null)
                .lookup(cellGenes.distinctSymbols(), CancellationToken.NONE, ProgressListener.NONE);
        embedder = new HashTextEmbedder(48);
        vectors = GeneVectors.embed(lookup, embedder, CancellationToken.NONE, ProgressListener.NONE);
    }

    @Test
    void everyMethodRecoversSyntheticClassesFromTrainingCellsAlone() {
        EvaluationReport r = Evaluation.run(cells, cellGenes, vectors, EvaluationOptions.DEFAULTS.withPipeline(FAST),
                CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(cells.cellCount(), r.trainCells() + r.testCells());
        assertEquals(23, r.testCells(), "ceil(0.2 * 115) test cells");
        assertEquals(Method.values().length, r.summaries().size());
        for (EvaluationReport.Summary s : r.summaries()) {
            assertTrue(s.accuracy().mean() >= 0.9, s.method().id() + " accuracy " + s.accuracy().mean());
            assertTrue(s.kappa().mean() > 0.85, s.method().id() + " kappa " + s.kappa().mean());
        }
    }

    @Test
    void testLabelsNeverReachFitting() {
        Splits.Split split = Splits.stratified(cells.labels(), Splits.plan(cells.labels()).eligible(), 0.25, 3);
        String[] scrambled = cells.labels();
        String[] original = cells.labels();
        int[] test = split.test();
        for (int i = 0; i < test.length; i++) {
            // rotate the test labels and plant a class that exists nowhere in training
            scrambled[test[i]] = i % 3 == 0 ? "intruder" : original[test[(i + 1) % test.length]];
        }
        String[] wrongTraining = cells.labels();
        int[] train = split.train();
        for (int i = 0; i < train.length; i++) {
            wrongTraining[train[i]] = original[train[(i + 7) % train.length]];
        }
        for (Method m : Method.values()) {
            MethodOutcome a = outcome(cells, m, split);
            MethodOutcome b = outcome(cells.withLabels(scrambled), m, split);
            assertArrayEquals(a.predicted(), b.predicted(), m.id() + ": predictions changed with the test labels");
            assertArrayEquals(a.confidence(), b.confidence(), m.id() + ": confidences changed with the test labels");
            if (a.testVectors() != null) {
                for (int i = 0; i < test.length; i++) {
                    assertArrayEquals(a.testVectors()[i], b.testVectors()[i], m.id() + ": vector of test cell " + i);
                }
            }
            assertFalse(Arrays.asList(a.predicted()).contains("intruder"), m.id());
            // the comparison can fail: the same check notices a change of the training labels
            MethodOutcome c = outcome(cells.withLabels(wrongTraining), m, split);
            assertFalse(Arrays.equals(a.predicted(), c.predicted()) && Arrays.equals(a.confidence(), c.confidence()),
                    m.id() + " ignored its training labels");
        }
    }

    private static MethodOutcome outcome(CellData c, Method m, Splits.Split split) {
        return new MethodPipeline(c, cellGenes, vectors, FAST).run(m, split.train(), split.test(), 5,
                CancellationToken.NONE, ProgressListener.NONE);
    }

    @Test
    void eachDistinctGeneTextIsEmbeddedOnceAndUnknownGenesGetNoVector() {
        assertEquals(1, embedder.calls());
        assertEquals(embedder.seen().size(), embedder.seen().stream().distinct().count(), "a text was embedded twice");
        for (int b = 0; b < 5; b++) {
            assertFalse(vectors.has("BG" + b), "BG" + b + " has no description and no full name");
        }
        assertTrue(vectors.has("mark0_0"), "symbols match case-insensitively");
        assertEquals(vectors.size(), vectors.distinctTexts());
        float[] v = vectors.vector("MARK1_2");
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1, norm, 1e-5);
    }

    @Test
    void randomControlKeepsGenesAndDimensionButChangesVectorsWithTheSeed() {
        GeneVectors r1 = vectors.randomControl(1);
        GeneVectors r1again = vectors.randomControl(1);
        GeneVectors r2 = vectors.randomControl(2);
        assertEquals(vectors.size(), r1.size());
        assertEquals(vectors.dimension(), r1.dimension());
        assertArrayEquals(r1.vector("MARK0_0"), r1again.vector("MARK0_0"));
        assertFalse(Arrays.equals(r1.vector("MARK0_0"), r2.vector("MARK0_0")));
        assertFalse(Arrays.equals(r1.vector("MARK0_0"), vectors.vector("MARK0_0")));
    }

    @Test
    void severalSeedsGiveMeanAndSdAndTheJsonShapeOfTheCommand() {
        EvaluationOptions o = EvaluationOptions.DEFAULTS.withPipeline(FAST)
                .withMethods(List.of(Method.EXPRESSION_PCA_KNN, Method.DESCRIPTION_KNN)).withSeeds(List.of(1L, 2L, 3L));
        EvaluationReport r = Evaluation.run(cells, cellGenes, vectors, o, CancellationToken.NONE,
                ProgressListener.NONE);
        Map<String, Object> json = r.toJsonMap();
        assertEquals(List.of("n_train", "n_test", "methods", "set_aside_classes"), List.copyOf(json.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> methods = (Map<String, Map<String, Object>>) json.get("methods");
        assertEquals(List.of("expression_pca_knn", "description_knn"), List.copyOf(methods.keySet()));
        assertEquals(List.of("accuracy", "accuracy_sd", "macro_f1", "macro_f1_sd", "weighted_f1", "weighted_f1_sd",
                "kappa", "kappa_sd", "ece", "ece_sd"), List.copyOf(methods.get("description_knn").keySet()));
        assertEquals(3, r.perSeed().get(Method.DESCRIPTION_KNN).size());
        List<Calibration> cal = r.calibration().get(Method.DESCRIPTION_KNN);
        assertEquals(3, cal.size(), "one calibration per seed");
        double mean = 0;
        for (Calibration c : cal) {
            assertEquals(r.testCells(), c.cells(), "every test cell gets a class and a confidence");
            assertTrue(c.ece() >= 0 && c.ece() <= c.mce() + 1e-12, c.toString());
            mean += c.ece() / 3;
        }
        assertEquals(mean, r.ece(Method.DESCRIPTION_KNN).mean(), 1e-12);
        // the accuracy the calibration sees is the accuracy the metrics report
        assertEquals(r.perSeed().get(Method.DESCRIPTION_KNN).get(0).accuracy(), cal.get(0).accuracy(), 1e-12);
        EvaluationReport single = Evaluation.run(cells, null, null, o.withSeeds(List.of(1L))
                .withMethods(List.of(Method.LOGISTIC_REGRESSION)), CancellationToken.NONE, ProgressListener.NONE);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> one = (Map<String, Map<String, Object>>) single.toJsonMap().get("methods");
        assertEquals(List.of("accuracy", "macro_f1", "weighted_f1", "kappa", "ece"),
                List.copyOf(one.get("logistic_regression").keySet()));
    }

    @Test
    void classesWithOneCellAndUnlabelledCellsAreSetAsideAndReported() {
        String[] labels = cells.labels();
        labels[0] = "lonely";
        labels[1] = null;
        EvaluationReport r = Evaluation.run(cells.withLabels(labels), null, null, EvaluationOptions.DEFAULTS
                .withPipeline(FAST).withMethods(List.of(Method.EXPRESSION_PCA_KNN)), CancellationToken.NONE,
                ProgressListener.NONE);
        assertEquals(Map.of("lonely", 1), r.setAsideClasses());
        assertEquals(1, r.unlabelledCells());
        assertEquals(cells.cellCount() - 2, r.trainCells() + r.testCells());
        assertEquals(Map.of("lonely", 1), r.toJsonMap().get("set_aside_classes"));
    }

    @Test
    void fewLabelsPerClassTrainsOnExactlyThatManyCells() {
        EvaluationReport r = Evaluation.run(cells, cellGenes, vectors, EvaluationOptions.DEFAULTS.withPipeline(FAST)
                .withTrainPerClass(3).withMethods(List.of(Method.EXPRESSION_PCA_KNN, Method.DESCRIPTION_KNN,
                        Method.DESCRIPTION_CONTRASTIVE_KNN, Method.TRANSDUCTIVE_PCA_CENTROID)),
                CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(12, r.trainCells());
        assertEquals(cells.cellCount() - 12, r.testCells());
        for (EvaluationReport.Summary s : r.summaries()) {
            System.out.println(s.method().id() + " with 3 cells per class: " + s.accuracy());
            // chance is 0.35 (the largest class); the contrastive head has only 12 cells to learn from
            double floor = s.method() == Method.DESCRIPTION_CONTRASTIVE_KNN ? 0.5 : 0.7;
            assertTrue(s.accuracy().mean() > floor, s.method().id() + " with 3 cells per class: " + s.accuracy());
        }
    }

    @Test
    void descriptionMethodsWithoutGeneVectorsAreRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Evaluation.run(cells, null, null,
                EvaluationOptions.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("description_knn"), e.getMessage());
    }

    @Test
    void cancellationStopsTheRun() {
        assertThrows(CancelledException.class, () -> Evaluation.run(cells, null, null, EvaluationOptions.DEFAULTS
                .withMethods(List.of(Method.EXPRESSION_PCA_KNN)), () -> true, ProgressListener.NONE));
    }

    @Test
    void progressReachesOneAndNeverGoesBack() {
        double[] last = {0};
        boolean[] monotone = {true};
        Evaluation.run(cells, null, null, EvaluationOptions.DEFAULTS.withPipeline(FAST).withMethods(
                List.of(Method.EXPRESSION_PCA_KNN, Method.LOGISTIC_REGRESSION)).withSeeds(List.of(4L, 5L)),
                CancellationToken.NONE, (f, m) -> {
                    monotone[0] &= f >= last[0] - 1e-12;
                    last[0] = f;
                });
        assertTrue(monotone[0]);
        assertEquals(1.0, last[0], 1e-12);
    }

    @Test
    void unknownMethodNamesListTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Method.parse("magic_knn"));
        assertTrue(e.getMessage().contains("hybrid_contrastive_knn"), e.getMessage());
        assertEquals(Method.RANDOM_VECTORS_KNN, Method.parse(" Random_Vectors_KNN "));
        assertNotNull(Method.parseAll(List.of("description_knn", "description_knn")));
        assertEquals(1, Method.parseAll(List.of("description_knn", "description_knn")).size());
    }
}
