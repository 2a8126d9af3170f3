package io.github.scllm.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The single-precision training path against the double-precision passes (themselves checked against finite
 * differences and PyTorch) on a batch large enough for every blocked loop to run its four-at-a-time part, its tail
 * and several tiles, and its independence of the thread count.
 */
class FloatHeadTest {
    private static final int ROWS = 53;
    private static final int IN = 45;
    private static final int HIDDEN = 37;
    private static final int OUT = 11;
    private static final double TEMPERATURE = 0.07;

    private static float[][] input(Random r) {
        float[][] x = new float[ROWS][IN];
        for (float[] row : x) {
            double s = 0;
            for (int j = 0; j < IN; j++) {
                row[j] = (float) r.nextGaussian();
                s += row[j] * row[j];
            }
            for (int j = 0; j < IN; j++) {
                row[j] /= (float) Math.sqrt(s);
            }
        }
        return x;
    }

    private static int[] labels() {
        int[] labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = i % 6;
        }
        labels[ROWS - 1] = 99; // a single cell: no anchor
        return labels;
    }

    private static double[][] widen(float[][] m) {
        double[][] d = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                d[i][j] = m[i][j];
            }
        }
        return d;
    }

    /** Largest difference relative to the largest magnitude of the expected values. */
    private static void assertRelativelyClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(scale > 0, what + " is all zeros, which checks nothing");
        assertTrue(worst <= tolerance * scale, what + ": largest difference " + worst + " at scale " + scale);
    }

    private static void assertRelativelyClose(double[][] expected, double[][] actual, double tolerance, String what) {
        assertRelativelyClose(flat(expected), flat(actual), tolerance, what);
    }

    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void trainingPassMatchesTheDoublePrecisionPasses() {
        Random r = new Random(11);
        float[][] x = input(r);
        int[] labels = labels();
        HeadParameters p = new HeadParameters(IN, HIDDEN, OUT);
        p.initialise(new SplittableRandom(4));
        FloatHead f = FloatHead.of(p);

        HeadParameters.Pass pass = p.forward(widen(x), true, null);
        HeadMath.SupConResult loss = HeadMath.supCon(pass.z, labels, TEMPERATURE, true, null);
        double[] grad = p.backward(pass, loss.gradient(), null, null);

        FloatHead fGrad = FloatHead.zerosLike(f);
        FloatHead.Pass fPass = f.forward(x, true, null);
        FloatHead.Loss fLoss = FloatHead.supCon(fPass.z, labels, TEMPERATURE, true, null);
        f.backward(fPass, fLoss.gradient(), fGrad, null);

        assertEquals(loss.anchors(), fLoss.anchors());
        assertEquals(loss.loss(), fLoss.value(), 1e-5 * loss.loss(), "loss");
        assertRelativelyClose(pass.z, widen(fPass.z), 1e-5, "embeddings");
        assertRelativelyClose(loss.gradient(), widen(fLoss.gradient()), 1e-4, "loss gradient");
        HeadParameters g = fGrad.toParameters();
        String[] names = {"first layer", "scale", "shift", "second layer", "bias"};
        int[] starts = {p.w1(), p.gamma(), p.beta(), p.w2(), p.b2(), p.values.length};
        for (int part = 0; part < names.length; part++) {
            assertRelativelyClose(java.util.Arrays.copyOfRange(grad, starts[part], starts[part + 1]),
                    java.util.Arrays.copyOfRange(g.values, starts[part], starts[part + 1]), 1e-4,
                    "gradient of the " + names[part]);
        }
        HeadParameters running = f.toParameters();
        assertRelativelyClose(p.runningMean, running.runningMean, 1e-5, "running mean");
        assertRelativelyClose(p.runningVar, running.runningVar, 1e-5, "running variance");

        double[][] eval = p.forward(widen(x), false, null).z;
        assertRelativelyClose(eval, widen(f.forward(x, false, null).z), 1e-5, "evaluation-mode embeddings");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Random r = new Random(12);
        float[][] x = input(r);
        int[] labels = labels();
        HeadParameters p = new HeadParameters(IN, HIDDEN, OUT);
        p.initialise(new SplittableRandom(5));
        FloatHead serial = FloatHead.of(p);
        FloatHead parallel = FloatHead.of(p);
        FloatHead serialGrad = FloatHead.zerosLike(serial);
        FloatHead parallelGrad = FloatHead.zerosLike(serial);
        FloatHead.Pass a = serial.forward(x, true, null);
        FloatHead.Loss la = FloatHead.supCon(a.z, labels, TEMPERATURE, true, null);
        serial.backward(a, la.gradient(), serialGrad, null);
        try (Workers w = new Workers(3)) {
            FloatHead.Pass b = parallel.forward(x, true, w);
            FloatHead.Loss lb = FloatHead.supCon(b.z, labels, TEMPERATURE, true, w);
            parallel.backward(b, lb.gradient(), parallelGrad, w);
            assertEquals(la.value(), lb.value());
        }
        float[][] sa = serialGrad.learnable();
        float[][] pa = parallelGrad.learnable();
        for (int i = 0; i < sa.length; i++) {
            assertArrayEquals(sa[i], pa[i], "gradient array " + i);
        }
        assertArrayEquals(serial.runningVar, parallel.runningVar);
    }
}
