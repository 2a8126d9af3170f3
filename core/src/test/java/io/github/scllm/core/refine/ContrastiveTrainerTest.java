package io.github.scllm.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.UnsupportedFormatException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContrastiveTrainerTest {
    private static final RefineOptions SMALL = RefineOptions.DEFAULTS.withSizes(24, 8).withBatches(32, false)
            .withEpochs(6, 3).withSeed(5).withThreads(1).withLearningRate(1e-2);

    /** Four noisy classes in two blocks of different dimensions; the class signal sits in a few components. */
    private static Object[] data(int n, long seed) {
        Random r = new Random(seed);
        float[][] a = new float[n][12];
        float[][] b = new float[n][5];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            labels[i] = "type" + c;
            for (int j = 0; j < 12; j++) {
                a[i][j] = (float) (r.nextGaussian() + (j == c ? 2.5 : 0));
            }
            for (int j = 0; j < 5; j++) {
                b[i][j] = (float) (r.nextGaussian() + (j == c ? 1.5 : 0));
            }
        }
        return new Object[] {List.of(a, b), labels};
    }

    @SuppressWarnings("unchecked")
    private static ProjectionHead train(int n, RefineOptions o) {
        Object[] d = data(n, 1);
        return ContrastiveTrainer.train((List<float[][]>) d[0], (String[]) d[1], o, CancellationToken.NONE,
                ProgressListener.NONE);
    }

    @SuppressWarnings("unchecked")
    private static float[][] applyTo(ProjectionHead head, long seed) {
        return head.apply((List<float[][]>) data(60, seed)[0], CancellationToken.NONE, ProgressListener.NONE);
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndOutputsWhateverTheThreadCount() {
        ProjectionHead one = train(200, SMALL);
        ProjectionHead again = train(200, SMALL);
        ProjectionHead three = train(200, SMALL.withThreads(3));
        assertArrayEquals(one.toBytes(), again.toBytes());
        assertArrayEquals(one.parameters().values, three.parameters().values);
        assertEquals(one.trainingCurve(), three.trainingCurve());
        float[][] x = applyTo(one, 9);
        float[][] y = applyTo(three, 9);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], y[i], "row " + i);
        }
    }

    @Test
    void anotherSeedGivesOtherWeights() {
        assertTrue(!java.util.Arrays.equals(train(200, SMALL).parameters().values,
                train(200, SMALL.withSeed(6)).parameters().values));
    }

    @Test
    void trainingLowersTheLossAndGivesUnitVectors() {
        ProjectionHead head = train(400, SMALL.withEpochs(15, 15));
        List<TrainingEpoch> curve = head.trainingCurve();
        assertEquals(15, curve.size());
        assertTrue(curve.get(curve.size() - 1).trainLoss() < curve.get(0).trainLoss() - 0.1, "curve " + curve);
        assertTrue(curve.get(head.bestEpoch() - 1).validationLoss() < curve.get(0).validationLoss(), "curve " + curve);
        for (float[] v : applyTo(head, 3)) {
            double s = 0;
            for (float f : v) {
                s += f * f;
            }
            assertEquals(1.0, s, 1e-5);
            assertEquals(8, v.length);
        }
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        ProjectionHead head = train(200, SMALL.withLearningRate(0.2).withEpochs(40, 2));
        List<TrainingEpoch> curve = head.trainingCurve();
        double bestLoss = curve.stream().mapToDouble(TrainingEpoch::validationLoss).min().orElseThrow();
        assertTrue(curve.get(head.bestEpoch() - 1).validationLoss() <= bestLoss + SMALL.minDelta(), "curve " + curve);
        if (curve.size() < 40) {
            assertEquals(head.bestEpoch() + 2, curve.size(), "stops patience epochs after the best");
        }
    }

    @Test
    void modelRoundTripsThroughBytesExactly() {
        ProjectionHead head = train(120, SMALL.withBatches(16, true));
        byte[] bytes = head.toBytes();
        ProjectionHead back = ProjectionHead.fromBytes(bytes);
        assertArrayEquals(bytes, back.toBytes());
        assertEquals(head.trainingCurve(), back.trainingCurve());
        assertEquals(head.options(), back.options());
        assertArrayEquals(new int[] {12, 5}, back.blockDimensions());
        float[][] x = applyTo(head, 4);
        float[][] y = applyTo(back, 4);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], y[i]);
        }
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(InvalidInputException.class, () -> ProjectionHead.fromBytes(truncated));
        assertThrows(UnsupportedFormatException.class, () -> ProjectionHead.fromBytes(new byte[] {1, 2, 3, 4, 5}));
    }

    @Test
    @SuppressWarnings("unchecked")
    void singleCellClassesAreKeptAndReported() {
        Object[] d = data(80, 2);
        String[] labels = ((String[]) d[1]).clone();
        labels[7] = "rare";
        ProjectionHead head = ContrastiveTrainer.train((List<float[][]>) d[0], labels, SMALL,
                CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(List.of("rare"), head.singletonClasses());
        assertTrue(head.warnings().get(0).contains("rare"), head.warnings().toString());
    }

    @Test
    void withoutValidationAllEpochsRunAndTheLastIsKept() {
        ProjectionHead head = train(100, SMALL.withValidationFraction(0).withEpochs(4, 1));
        assertEquals(4, head.trainingCurve().size());
        assertEquals(4, head.bestEpoch());
        assertTrue(Double.isNaN(head.trainingCurve().get(0).validationLoss()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void inputErrorsNameTheProblem() {
        Object[] d = data(40, 3);
        List<float[][]> blocks = (List<float[][]>) d[0];
        InvalidInputException count = assertThrows(InvalidInputException.class, () -> ContrastiveTrainer.train(
                blocks, new String[3], SMALL, CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(count.getMessage().contains("40 rows but 3 labels"), count.getMessage());
        String[] unique = new String[40];
        for (int i = 0; i < 40; i++) {
            unique[i] = "c" + i;
        }
        assertThrows(InvalidInputException.class, () -> ContrastiveTrainer.train(blocks, unique, SMALL,
                CancellationToken.NONE, ProgressListener.NONE));
        ProjectionHead head = train(80, SMALL.withEpochs(1, 1));
        InvalidInputException dims = assertThrows(InvalidInputException.class, () -> head.apply(
                List.of(new float[][] {new float[12]}, new float[][] {new float[6]}), CancellationToken.NONE,
                ProgressListener.NONE));
        assertTrue(dims.getMessage().contains("column 2 in row 1 has 6 dimensions but 5"), dims.getMessage());
        assertThrows(InvalidInputException.class, () -> head.apply(List.<float[][]>of(new float[][] {new float[12]}),
                CancellationToken.NONE, ProgressListener.NONE));
    }

    @Test
    @SuppressWarnings("unchecked")
    void cancelledTrainingStops() {
        Object[] d = data(80, 2);
        assertThrows(CancelledException.class, () -> ContrastiveTrainer.train((List<float[][]>) d[0],
                (String[]) d[1], SMALL, () -> true, ProgressListener.NONE));
    }
}
