package io.github.scllm.core.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks, in double precision, of every layer of the head and of the loss. */
class HeadMathTest {
    private static final double H = 1e-6;
    private static final double TOL = 1e-6;

    private static double[][] random(Random r, int n, int d) {
        double[][] m = new double[n][d];
        for (double[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return m;
    }

    private static double weighted(double[][] out, double[][] weights) {
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                s += out[i][j] * weights[i][j];
            }
        }
        return s;
    }

    /** Central difference of f with respect to every entry of x, compared with the analytic gradient. */
    private static void checkMatrix(double[][] x, double[][] analytic, Function<double[][], Double> f, String what) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double keep = x[i][j];
                x[i][j] = keep + H;
                double up = f.apply(x);
                x[i][j] = keep - H;
                double down = f.apply(x);
                x[i][j] = keep;
                double numeric = (up - down) / (2 * H);
                double err = Math.abs(numeric - analytic[i][j]) / Math.max(1.0, Math.abs(numeric));
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst < TOL, what + ": largest relative gradient error " + worst);
    }

    private static void checkVector(double[] x, double[] analytic, Function<double[], Double> f, String what) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + H;
            double up = f.apply(x);
            x[i] = keep - H;
            double down = f.apply(x);
            x[i] = keep;
            double numeric = (up - down) / (2 * H);
            worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1.0, Math.abs(numeric)));
        }
        assertTrue(worst < TOL, what + ": largest relative gradient error " + worst);
    }

    @Test
    void linearLayerGradientsMatchFiniteDifferences() {
        Random r = new Random(1);
        double[][] x = random(r, 5, 4);
        double[] wT = random(r, 1, 12)[0];
        double[] bias = random(r, 1, 3)[0];
        double[][] upstream = random(r, 5, 3);
        double[] gw = new double[12];
        double[] gb = new double[3];
        double[][] dx = HeadMath.linearBackward(x, wT, upstream, gw, gb, true, null);
        checkMatrix(x, dx, xx -> weighted(HeadMath.linearForward(xx, wT, bias, 3, null), upstream), "linear input");
        checkVector(wT, gw, ww -> weighted(HeadMath.linearForward(x, ww, bias, 3, null), upstream), "linear weight");
        checkVector(bias, gb, bb -> weighted(HeadMath.linearForward(x, wT, bb, 3, null), upstream), "linear bias");
    }

    @Test
    void batchNormTrainingModeGradientsMatchFiniteDifferences() {
        Random r = new Random(2);
        double[][] h = random(r, 6, 3);
        double[] gamma = {0.7, 1.3, -0.4};
        double[] beta = {0.1, -0.2, 0.3};
        double[][] upstream = random(r, 6, 3);
        HeadMath.BatchNormCache[] cache = new HeadMath.BatchNormCache[1];
        HeadMath.batchNormTrain(h, gamma, beta, cache);
        double[] gg = new double[3];
        double[] gb = new double[3];
        double[][] dh = HeadMath.batchNormBackward(upstream, gamma, cache[0], gg, gb);
        HeadMath.BatchNormCache[] scratch = new HeadMath.BatchNormCache[1];
        checkMatrix(h, dh, hh -> weighted(HeadMath.batchNormTrain(hh, gamma, beta, scratch), upstream), "bn input");
        checkVector(gamma, gg, g -> weighted(HeadMath.batchNormTrain(h, g, beta, scratch), upstream), "bn gamma");
        checkVector(beta, gb, b -> weighted(HeadMath.batchNormTrain(h, gamma, b, scratch), upstream), "bn beta");
    }

    @Test
    void reluGradientMatchesFiniteDifferencesAwayFromZero() {
        Random r = new Random(3);
        double[][] x = random(r, 4, 5);
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                if (Math.abs(row[j]) < 1e-3) {
                    row[j] = 0.5;
                }
            }
        }
        double[][] upstream = random(r, 4, 5);
        double[][] dx = HeadMath.reluBackward(x, upstream);
        checkMatrix(x, dx, xx -> weighted(HeadMath.relu(xx), upstream), "relu");
    }

    @Test
    void l2NormalizeGradientMatchesFiniteDifferences() {
        Random r = new Random(4);
        double[][] x = random(r, 4, 6);
        double[][] upstream = random(r, 4, 6);
        double[][] dx = HeadMath.l2NormalizeBackward(x, HeadMath.l2Normalize(x), upstream);
        checkMatrix(x, dx, xx -> weighted(HeadMath.l2Normalize(xx), upstream), "l2 normalise");
    }

    @Test
    void supConGradientMatchesFiniteDifferences() {
        Random r = new Random(5);
        double[][] z = HeadMath.l2Normalize(random(r, 9, 5));
        int[] labels = {0, 1, 0, 2, 1, 0, 3, 2, 1};
        HeadMath.SupConResult res = HeadMath.supCon(z, labels, 0.5, true, null);
        assertEquals(8, res.anchors(), "the single cell of class 3 is no anchor");
        checkMatrix(z, res.gradient(), zz -> HeadMath.supCon(zz, labels, 0.5, false, null).loss(), "supcon");
    }

    @Test
    void supConWithoutPositivesIsZeroAndSkipped() {
        HeadMath.SupConResult res = HeadMath.supCon(new double[][] {{1, 0}, {0, 1}}, new int[] {0, 1}, 0.07, true,
                null);
        assertEquals(0, res.anchors());
        assertEquals(0.0, res.loss());
    }

    @Test
    void wholeHeadGradientMatchesFiniteDifferences() {
        Random r = new Random(6);
        HeadParameters p = new HeadParameters(5, 4, 3);
        p.initialise(new java.util.SplittableRandom(9));
        double[][] x = random(r, 8, 5);
        int[] labels = {0, 0, 1, 1, 2, 2, 0, 1};
        HeadParameters.Pass pass = p.forward(x, true, null);
        HeadMath.SupConResult loss = HeadMath.supCon(pass.z, labels, 0.3, true, null);
        double[][][] dx = new double[1][][];
        double[] grad = p.backward(pass, loss.gradient(), dx, null);
        Function<double[], Double> f = values -> {
            HeadParameters q = p.copy();
            System.arraycopy(values, 0, q.values, 0, values.length);
            return HeadMath.supCon(q.forward(x, true, null).z, labels, 0.3, false, null).loss();
        };
        checkVector(p.values.clone(), grad, f, "head parameters");
        checkMatrix(x, dx[0], xx -> HeadMath.supCon(p.copy().forward(xx, true, null).z, labels, 0.3, false, null)
                .loss(), "head input");
    }
}
