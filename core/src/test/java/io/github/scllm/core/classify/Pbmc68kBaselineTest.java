package io.github.scllm.core.classify;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The expression baselines on real labelled data (pbmc68k_reduced, 700 cells, 10 bulk labels): PCA-50 + KNN and
 * logistic regression, fitted on a stratified 80% of the cells and scored on the rest, must land in the range the
 * reference values give (PCA-50 KNN about 0.79-0.83 accuracy, logistic regression about 0.86).
 */
@Tag("integration")
class Pbmc68kBaselineTest {

    private static Path data() {
        Path base = SharedTestData.folder().resolve("pbmc68k_reduced");
        for (String f : new String[] {"cell_labels.tsv", "counts_10x_mtx/matrix.mtx.gz",
            "counts_10x_mtx/barcodes.tsv.gz"}) {
            if (!Files.isRegularFile(base.resolve(f))) {
                fail("Test data file missing: " + base.resolve(f));
            }
        }
        return base;
    }

    @Test
    void expressionBaselinesReachTheReferenceRange() throws IOException {
        Path base = data();
        List<String> labelLines = Files.readAllLines(base.resolve("cell_labels.tsv"));
        int n = labelLines.size() - 1;
        String[] labels = new String[n];
        double[] totals = new double[n];
        String[] barcodes = new String[n];
        for (int i = 0; i < n; i++) {
            String[] f = labelLines.get(i + 1).split("\t");
            barcodes[i] = f[0];
            labels[i] = f[1];
            totals[i] = Double.parseDouble(f[3]);
        }
        try (BufferedReader r = gz(base.resolve("counts_10x_mtx/barcodes.tsv.gz"))) {
            for (int i = 0; i < n; i++) {
                assertEquals(barcodes[i], r.readLine(), "barcode order of row " + (i + 1));
            }
        }
        float[][] x;
        try (BufferedReader r = gz(base.resolve("counts_10x_mtx/matrix.mtx.gz"))) {
            String line = r.readLine();
            while (line.startsWith("%")) {
                line = r.readLine();
            }
            String[] dims = line.trim().split("\\s+");
            int genes = Integer.parseInt(dims[0]);
            assertEquals(n, Integer.parseInt(dims[1]));
            x = new float[n][genes];
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                int g = Integer.parseInt(f[0]) - 1;
                int c = Integer.parseInt(f[1]) - 1;
                x[c][g] = (float) Math.log1p(Double.parseDouble(f[2]) * 1e4 / totals[c]);
            }
        }
        // stratified 80/20 split, seeded
        TreeMap<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random rnd = new Random(1);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            java.util.Collections.shuffle(rows, rnd);
            int nTest = (int) Math.round(rows.size() * 0.2);
            for (int j = 0; j < rows.size(); j++) {
                (j < nTest ? test : train).add(rows.get(j));
            }
        }
        float[][] xTrain = train.stream().map(i -> x[i]).toArray(float[][]::new);
        float[][] xTest = test.stream().map(i -> x[i]).toArray(float[][]::new);
        String[] yTrain = train.stream().map(i -> labels[i]).toArray(String[]::new);
        String[] yTest = test.stream().map(i -> labels[i]).toArray(String[]::new);

        ExpressionPca pca = ExpressionPca.fit(ExpressionRows.dense(xTrain), null, PcaOptions.DEFAULTS.withSeed(1),
                CancellationToken.NONE, ProgressListener.NONE);
        float[][] pTrain = pca.transform(ExpressionRows.dense(xTrain));
        float[][] pTest = pca.transform(ExpressionRows.dense(xTest));
        AnnotationMetrics knn = score(Classifiers.fit(pTrain, yTrain, ClassifierOptions.DEFAULTS,
                CancellationToken.NONE, ProgressListener.NONE), pTest, yTest);

        // logistic regression on log-normalised expression (the classifier z-scores with the training statistics)
        AnnotationMetrics logreg = score(Classifiers.fit(xTrain, yTrain,
                ClassifierOptions.DEFAULTS.withKind(ClassifierKind.LOGISTIC_REGRESSION), CancellationToken.NONE,
                ProgressListener.NONE), xTest, yTest);
        System.out.printf("pbmc68k_reduced, %d train / %d test: PCA-50 KNN acc %.3f F1w %.3f kappa %.3f; "
                + "logistic regression acc %.3f F1w %.3f kappa %.3f%n", train.size(), test.size(), knn.accuracy(),
                knn.weightedF1(), knn.kappa(), logreg.accuracy(), logreg.weightedF1(), logreg.kappa());
        assertTrue(knn.accuracy() > 0.72 && knn.accuracy() < 0.92, "PCA-50 KNN accuracy " + knn.accuracy());
        assertTrue(logreg.accuracy() > 0.78 && logreg.accuracy() < 0.95, "logistic regression accuracy "
                + logreg.accuracy());
    }

    private static AnnotationMetrics score(Classifier c, float[][] x, String[] y) {
        String[] pred = c.predict(x, CancellationToken.NONE, ProgressListener.NONE).stream().map(Prediction::label)
                .toArray(String[]::new);
        return AnnotationMetrics.score(y, pred, UnknownPolicy.EXCLUDE);
    }

    private static BufferedReader gz(Path p) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
                StandardCharsets.UTF_8));
    }
}
