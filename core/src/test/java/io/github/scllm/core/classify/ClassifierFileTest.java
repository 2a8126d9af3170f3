package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A classifier written and read back predicts exactly as the fitted one, on every query. */
class ClassifierFileTest {

    private static float[][] gaussian(Random rnd, int rows, int dim, int classes, String[] labels) {
        float[][] x = new float[rows][dim];
        for (int i = 0; i < rows; i++) {
            int c = i % classes;
            if (labels != null) {
                labels[i] = "class " + c;
            }
            for (int d = 0; d < dim; d++) {
                x[i][d] = (float) (rnd.nextGaussian() + (d % classes == c ? 2 : 0));
            }
        }
        return x;
    }

    private static byte[] write(Classifier c) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Classifiers.write(c, out);
        out.flush();
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(ClassifierKind.class)
    void aReadClassifierPredictsBitForBitAsTheFittedOne(ClassifierKind kind) throws Exception {
        Random rnd = new Random(3);
        String[] labels = new String[2500];
        // more than one block of 1,024 reference rows, and Euclidean for the neighbour index's norms
        float[][] reference = gaussian(rnd, labels.length, 12, 5, labels);
        float[][] query = gaussian(rnd, 300, 12, 5, null);
        ClassifierOptions options = ClassifierOptions.DEFAULTS.withKind(kind).withK(7).withThreads(2)
            .withMetric(kind == ClassifierKind.KNN ? DistanceMetric.EUCLIDEAN : DistanceMetric.COSINE)
            .withRejectThreshold(0.4);
        Classifier fitted = Classifiers.fit(reference, labels, options, CancellationToken.NONE,
            ProgressListener.NONE);
        byte[] bytes = write(fitted);
        Classifier read = Classifiers.read(new DataInputStream(new ByteArrayInputStream(bytes)), 1);
        assertEquals(fitted.classes(), read.classes());
        assertEquals(fitted.dimension(), read.dimension());
        List<Prediction> a = fitted.predict(query, CancellationToken.NONE, ProgressListener.NONE);
        List<Prediction> b = read.predict(query, CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(a, b);
        assertEquals(Arrays.toString(bytes), Arrays.toString(write(read)), "writing again gives the same bytes");
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(EOFException.class, () -> Classifiers.read(new DataInputStream(new ByteArrayInputStream(cut)),
            1));
    }

    @ParameterizedTest
    @EnumSource(value = ClassifierKind.class, names = "KNN")
    void aDamagedClassIndexIsReported(ClassifierKind kind) throws Exception {
        String[] labels = {"a", "b", "a", "b"};
        float[][] x = {{1, 0}, {0, 1}, {1, 0.1f}, {0.1f, 1}};
        byte[] bytes = write(Classifiers.fit(x, labels, ClassifierOptions.DEFAULTS.withKind(kind).withK(1),
            CancellationToken.NONE, ProgressListener.NONE));
        // the first row's class index follows k and the row count, after the settings and the two classes
        int at = bytes.length - (4 * (2 * 4) + 4 + 4 + 2 + "COSINE".length()) - 4 * 4;
        bytes[at + 3] = 9;
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> Classifiers.read(new DataInputStream(new ByteArrayInputStream(bytes)), 1));
        assertTrue(e.getMessage().contains("class index 9"), e.getMessage());
    }
}
