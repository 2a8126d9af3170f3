package io.github.scllm.core.embed.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.TextEmbedder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in model (bge-small-en-v1.5, quantized) end to end through ONNX Runtime. */
class BuiltInModelTest {

    private static TextEmbedder model;

    @BeforeAll
    static void open() {
        assertEquals(java.util.Optional.empty(), LocalModels.unavailableReason(),
                "the runtime and the model jar are on the test class path");
        model = LocalModels.builtIn(2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[][] embed(List<String> texts) {
        return model.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
    }

    @Test
    void identityNamesTheLocalProviderAndTheModel() {
        assertEquals(new EmbedderIdentity("local", "bge-small-en-v1.5-q", 0), model.identity());
    }

    @Test
    void vectorsHave384DimensionsAndUnitNorm() {
        float[][] v = embed(List.of("T cell receptor complex", "albumin", "a much longer text about the "
                + "regulation of blood plasma colloid osmotic pressure by the most abundant protein in blood"));
        assertEquals(3, v.length);
        for (float[] vector : v) {
            assertEquals(LocalModels.BUILT_IN_DIMENSION, vector.length);
            assertEquals(1.0, norm(vector), 1e-5);
        }
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        float[][] v = embed(List.of(
                "The T-cell receptor recognises antigen presented by MHC molecules.",
                "T lymphocytes detect antigens through their antigen receptor complex.",
                "Albumin is the main protein of blood plasma and is made in the liver."));
        double related = dot(v[0], v[1]);
        double unrelated = dot(v[0], v[2]);
        assertTrue(related > unrelated + 0.05, "related " + related + " vs unrelated " + unrelated);
    }

    @Test
    void cd3eSummaryIsCloserToCd3dThanToAlb() throws IOException {
        Map<String, String> summaries = LocalTestData.humanSummaries();
        float[][] v = embed(List.of(summaries.get("CD3E"), summaries.get("CD3D"), summaries.get("ALB")));
        double cd3d = dot(v[0], v[1]);
        double alb = dot(v[0], v[2]);
        assertTrue(cd3d > alb, "cos(CD3E, CD3D) = " + cd3d + " should exceed cos(CD3E, ALB) = " + alb);
    }

    @Test
    void sameTextGivesTheSameVectorAloneTwiceAndAmongOtherTexts() {
        String text = "CD3E encodes the epsilon chain of the CD3 complex.";
        float[] alone = embed(List.of(text))[0];
        assertArrayEquals(alone, embed(List.of(text))[0], "same call twice");
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            mixed.add(i == 17 ? text : "filler text number " + i + " " + "with more words ".repeat(i % 7));
        }
        // the quantized model scales activations over its whole input: texts run together would differ
        assertArrayEquals(alone, embed(mixed)[17], "alone vs among 39 other texts");
    }

    @Test
    void resultsStayInInputOrderAcrossBatchesAndWorkers() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            texts.add("gene " + i + " " + "regulates transcription ".repeat(1 + i % 5));
        }
        float[][] all = embed(texts);
        float[][] some = embed(List.of(texts.get(3), texts.get(69)));
        assertArrayEquals(all[3], some[0]);
        assertArrayEquals(all[69], some[1]);
        assertTrue(dot(all[3], all[69]) < 0.999, "different texts, different vectors");
    }

    @Test
    void progressIsReportedPerBatchAndCancelStopsBeforeTheNextBatch() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            texts.add("text " + i);
        }
        List<Double> fractions = new ArrayList<>();
        model.embed(texts, CancellationToken.NONE, (f, m) -> fractions.add(f));
        assertEquals(List.of(32 / 70.0, 64 / 70.0, 1.0), fractions);

        AtomicInteger batches = new AtomicInteger();
        assertThrows(CancelledException.class,
                () -> model.embed(texts, () -> batches.get() >= 1, (f, m) -> batches.incrementAndGet()));
        assertEquals(1, batches.get(), "no batch runs after cancellation");
    }

    @Test
    void concurrentCallsOnOneEmbedderGiveTheSameVectors() throws Exception {
        List<String> texts = List.of("interleukin 2 receptor alpha", "hemoglobin subunit beta", "CD19 B cell marker");
        float[][] expected = embed(texts);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> embed(texts)));
            }
            for (Future<float[][]> run : runs) {
                float[][] got = run.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(expected[i], got[i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blankTextIsRejectedNamingItsPosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> embed(List.of("fine", "  ")));
        assertTrue(e.getMessage().contains("Text 2 of 2 is blank"), e.getMessage());
    }

    @Test
    void threadsBelowOneAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LocalModels.builtIn(0));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }
}
