package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ExpressionRows;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ranking arithmetic of {@link CorrelationReference} against direct definitions, and its input checks. */
class CorrelationReferenceTest {

    @Test
    void scaledRankDotProductIsTheSpearmanCorrelationWithTiedValues() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 3 + r.nextInt(40);
            float[] a = new float[n];
            float[] b = new float[n];
            for (int i = 0; i < n; i++) {
                // few distinct values and many zeros: ties as in sparse expression
                a[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(5) * 0.5f;
                b[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(5) * 0.5f;
            }
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            float[] ra = new float[n];
            float[] rb = new float[n];
            CorrelationReference.scaledRanks(CorrelationReference.ascendingOrder(a), a, all, ra, n, new int[n]);
            CorrelationReference.scaledRanks(CorrelationReference.ascendingOrder(b), b, all, rb, n, new int[n]);
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += (double) ra[i] * rb[i];
            }
            assertEquals(pearson(averageRanks(a), averageRanks(b)), dot, 1e-5, "trial " + trial);
        }
    }

    @Test
    void aSubsetOfPositionsIsRankedOnItsOwn() {
        float[] v = {3, 0, 1, 1, 7, 2};
        int[] slot = {0, -1, 1, -1, 2, 3}; // keeps 3, 1, 7, 2
        float[] out = new float[4];
        CorrelationReference.scaledRanks(CorrelationReference.ascendingOrder(v), v, slot, out, 4, new int[6]);
        double[] ranks = averageRanks(new float[] {3, 1, 7, 2});
        double[] want = centredUnit(ranks);
        for (int j = 0; j < 4; j++) {
            assertEquals(want[j], out[j], 1e-6);
        }
    }

    @Test
    void quantileInterpolatesBetweenOrderStatisticsAsRType7() {
        double[] v = {10, 1, 4, 3, 2};
        // sorted 1 2 3 4 10; h = 4 * 0.8 = 3.2 -> 4 + 0.2 * (10 - 4)
        assertEquals(5.2, CorrelationReference.quantile(v.clone(), 0.8), 1e-12);
        assertEquals(3.0, CorrelationReference.quantile(v.clone(), 0.5), 1e-12);
        assertEquals(7.0, CorrelationReference.quantile(new double[] {7}, 0.8), 1e-12);
    }

    @Test
    void markerCountFollowsTheMethodsFormula() {
        CorrelationReferenceOptions o = CorrelationReferenceOptions.DEFAULTS;
        assertEquals(500, o.markersPerPair(1));
        assertEquals(333, o.markersPerPair(2));
        assertEquals(130, o.markersPerPair(10));
        assertEquals(25, new CorrelationReferenceOptions(0.8, true, 0.05, true, 25, 1).markersPerPair(10));
    }

    @Test
    void rejectsASingleClassAndAQueryOfOtherGenes() {
        ExpressionRows two = ExpressionRows.dense(new float[][] {{1, 0, 2}, {0, 3, 1}});
        InvalidInputException one = assertThrows(InvalidInputException.class, () -> CorrelationReference.fit(two,
                new String[] {"B", "B"}, CorrelationReferenceOptions.DEFAULTS, CancellationToken.NONE,
                ProgressListener.NONE));
        assertTrue(one.getMessage().contains("at least two reference classes"), one.getMessage());
        CorrelationReference fitted = CorrelationReference.fit(ExpressionRows.dense(new float[][] {{1, 0, 2, 0},
            {0, 3, 1, 2}, {2, 0, 3, 0}, {0, 4, 0, 3}}), new String[] {"A", "B", "A", "B"},
                CorrelationReferenceOptions.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE);
        InvalidInputException genes = assertThrows(InvalidInputException.class, () -> fitted.predict(two,
                CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(genes.getMessage().contains("3 genes but the reference 4"), genes.getMessage());
        assertEquals("A", fitted.predict(ExpressionRows.dense(new float[][] {{3, 0, 4, 0}}), CancellationToken.NONE,
                ProgressListener.NONE).get(0).label());
    }

    private static double[] averageRanks(float[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int below = 0;
            int equal = 0;
            for (float x : v) {
                below += x < v[i] ? 1 : 0;
                equal += x == v[i] ? 1 : 0;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }

    private static double[] centredUnit(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double ss = 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - mean;
            ss += out[i] * out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = ss == 0 ? 0 : out[i] / Math.sqrt(ss);
        }
        return out;
    }

    private static double pearson(double[] x, double[] y) {
        double[] a = centredUnit(x);
        double[] b = centredUnit(y);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
