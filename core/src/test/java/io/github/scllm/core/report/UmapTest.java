package io.github.scllm.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.classify.ExactNeighborSearch;
import io.github.scllm.core.classify.Neighbor;
import io.github.scllm.core.cluster.NeighborGraphs;
import io.github.scllm.core.cluster.WeightedGraph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class UmapTest {

    /** Classes as tight clouds around random directions: far apart under cosine distance. */
    static float[][] clusters(int classes, int perClass, int dim, double noise, long seed, int[] labelsOut) {
        Random r = new Random(seed);
        float[][] centres = new float[classes][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) r.nextGaussian();
            }
        }
        float[][] x = new float[classes * perClass][dim];
        for (int i = 0; i < x.length; i++) {
            int c = i % classes;
            labelsOut[i] = c;
            for (int d = 0; d < dim; d++) {
                x[i][d] = (float) (centres[c][d] + noise * r.nextGaussian());
            }
        }
        return x;
    }

    /** Fraction of each point's k nearest layout neighbours (Euclidean, itself excluded) that share its label. */
    static double layoutAgreement(float[][] xy, int[] labels, int k) {
        Neighbor[][] nn = new ExactNeighborSearch(xy, DistanceMetric.EUCLIDEAN, 2).search(xy, k + 1,
            CancellationToken.NONE, ProgressListener.NONE);
        int same = 0;
        int total = 0;
        for (int i = 0; i < xy.length; i++) {
            for (Neighbor n : nn[i]) {
                if (n.index() != i) {
                    total++;
                    same += labels[n.index()] == labels[i] ? 1 : 0;
                }
            }
        }
        return (double) same / total;
    }

    private static Umap.Options options(long seed) {
        return Umap.Options.DEFAULTS.withSeed(seed).withThreads(2).withEpochs(200);
    }

    @Test
    void curveFitForMinDistOneTenthAndSpreadOneGivesTheReferenceConstants() {
        // umap-learn's find_ab_params gives a = 1.577, b = 0.895 for these defaults
        double[] ab = Umap.fitCurve(1.0, 0.1);
        assertEquals(1.577, ab[0], 0.005);
        assertEquals(0.895, ab[1], 0.005);
    }

    @Test
    void wellSeparatedClassesStaySeparatedInTheLayout() {
        int[] labels = new int[6 * 80];
        float[][] x = clusters(6, 80, 32, 0.35, 11, labels);
        float[][] xy = Umap.layout(x, options(3), CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(x.length, xy.length);
        double agreement = layoutAgreement(xy, labels, 10);
        assertTrue(agreement > 0.95, "kNN label agreement in the layout: " + agreement);
        // the same measure on the input space confirms the classes are separable at all
        assertTrue(layoutAgreement(x, labels, 10) > 0.95);
    }

    @Test
    void theGradientDescentSeparatesClassesThatTheInitialProjectionMixes() {
        int[] labels = new int[20 * 40];
        float[][] x = clusters(20, 40, 64, 0.8, 21, labels);
        float[] init = Umap.initialLayout(x, 64, new java.util.SplittableRandom(1), CancellationToken.NONE);
        float[][] initXy = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            initXy[i] = new float[] {init[2 * i], init[2 * i + 1]};
        }
        double before = layoutAgreement(initXy, labels, 10);
        double after = layoutAgreement(Umap.layout(x, options(5), CancellationToken.NONE, ProgressListener.NONE),
            labels, 10);
        assertTrue(layoutAgreement(x, labels, 10) > 0.95, "the classes are separable in the input");
        assertTrue(before < 0.8, "agreement of the initial projection: " + before);
        assertTrue(after > 0.95, "agreement of the layout: " + after + " (initial " + before + ")");
    }

    @Test
    void theSameSeedGivesTheSameLayoutAndAnotherSeedAnotherOne() {
        int[] labels = new int[200];
        float[][] x = clusters(4, 50, 16, 0.5, 5, labels);
        float[][] a = Umap.layout(x, options(7), CancellationToken.NONE, ProgressListener.NONE);
        float[][] b = Umap.layout(x, options(7), CancellationToken.NONE, ProgressListener.NONE);
        float[][] c = Umap.layout(x, options(8), CancellationToken.NONE, ProgressListener.NONE);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(a[i], b[i], "row " + i);
        }
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void theThreadCountDoesNotChangeTheLayout() {
        int[] labels = new int[150];
        float[][] x = clusters(3, 50, 8, 0.5, 9, labels);
        float[][] one = Umap.layout(x, options(1).withThreads(1), CancellationToken.NONE, ProgressListener.NONE);
        float[][] two = Umap.layout(x, options(1).withThreads(2), CancellationToken.NONE, ProgressListener.NONE);
        assertTrue(Arrays.deepEquals(one, two));
    }

    @Test
    void fuzzyGraphIsSymmetricWithWeightsInTheUnitIntervalAndNoSelfEdges() {
        int[] labels = new int[120];
        float[][] x = clusters(3, 40, 8, 0.5, 4, labels);
        Neighbor[][] knn = new ExactNeighborSearch(x, DistanceMetric.COSINE, 1).search(x, 15, CancellationToken.NONE,
            ProgressListener.NONE);
        WeightedGraph g = NeighborGraphs.umapConnectivities(knn);
        Map<Long, Double> w = new HashMap<>();
        for (int i = 0; i < g.nodes(); i++) {
            for (int e = g.offsets()[i]; e < g.offsets()[i + 1]; e++) {
                assertTrue(i != g.targets()[e], "self edge at " + i);
                assertTrue(g.weights()[e] > 0 && g.weights()[e] <= 1, "weight " + g.weights()[e]);
                w.put((long) i * x.length + g.targets()[e], g.weights()[e]);
            }
        }
        for (Map.Entry<Long, Double> e : w.entrySet()) {
            long i = e.getKey() / x.length;
            long j = e.getKey() % x.length;
            assertEquals(e.getValue(), w.get(j * x.length + i), 1e-12, "edge " + i + "-" + j);
        }
        // every point is joined with weight 1 to its nearest neighbour (distance = rho)
        for (int i = 0; i < x.length; i++) {
            int nearest = knn[i][0].index() == i ? knn[i][1].index() : knn[i][0].index();
            assertEquals(1.0, w.get((long) i * x.length + nearest), 1e-12);
        }
    }

    @Test
    void tinyAndDegenerateInputsGiveFiniteLayouts() {
        float[][] single = Umap.layout(new float[][] {{1, 2, 3}}, options(1), CancellationToken.NONE,
            ProgressListener.NONE);
        assertEquals(1, single.length);
        float[][] dupes = new float[30][];
        for (int i = 0; i < dupes.length; i++) {
            dupes[i] = i < 15 ? new float[] {1, 0} : new float[] {0, 0};
        }
        for (float[][] x : new float[][][] {{{1, 0}, {0, 1}}, dupes}) {
            for (float[] p : Umap.layout(x, options(2), CancellationToken.NONE, ProgressListener.NONE)) {
                assertTrue(Float.isFinite(p[0]) && Float.isFinite(p[1]), Arrays.toString(p));
            }
        }
    }

    @Test
    void invalidInputAndOptionsAreRejectedWithTheValue() {
        assertThrows(InvalidInputException.class, () -> Umap.layout(new float[0][], Umap.Options.DEFAULTS,
            CancellationToken.NONE, ProgressListener.NONE));
        assertThrows(InvalidInputException.class, () -> Umap.layout(new float[][] {{1, 2}, {1}},
            Umap.Options.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE));
        assertThrows(InvalidInputException.class, () -> Umap.layout(new float[][] {{1, Float.NaN}, {1, 2}},
            Umap.Options.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE));
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> new Umap.Options(1, 0.1, 1, 0, 5, 0, 1));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new Umap.Options(15, 2, 1, 0, 5, 0, 1));
        assertThrows(InvalidInputException.class, () -> new Umap.Options(15, 0.1, 0, 0, 5, 0, 1));
    }

    @Test
    void cancellationStopsTheLayout() {
        int[] labels = new int[60];
        float[][] x = clusters(3, 20, 4, 0.5, 1, labels);
        int[] polls = new int[1];
        CancellationToken afterFive = () -> ++polls[0] > 5;
        assertThrows(CancelledException.class, () -> Umap.layout(x, options(1), afterFive, ProgressListener.NONE));
    }
}
