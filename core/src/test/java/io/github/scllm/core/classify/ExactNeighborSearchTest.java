package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactNeighborSearchTest {

    static float[][] random(Random rnd, int n, int d) {
        float[][] m = new float[n][d];
        for (float[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) rnd.nextGaussian();
            }
        }
        return m;
    }

    /** Distances in double precision and a full sort: the oracle. */
    static Neighbor[] bruteForce(float[][] ref, float[] q, int k, DistanceMetric metric) {
        Neighbor[] all = new Neighbor[ref.length];
        for (int i = 0; i < ref.length; i++) {
            double dot = 0;
            double nq = 0;
            double nr = 0;
            double sq = 0;
            for (int j = 0; j < q.length; j++) {
                dot += (double) q[j] * ref[i][j];
                nq += (double) q[j] * q[j];
                nr += (double) ref[i][j] * ref[i][j];
                double diff = (double) q[j] - ref[i][j];
                sq += diff * diff;
            }
            double d = metric == DistanceMetric.COSINE ? 1 - dot / Math.sqrt(nq * nr) : Math.sqrt(sq);
            all[i] = new Neighbor(i, d);
        }
        Arrays.sort(all, Comparator.naturalOrder());
        return Arrays.copyOf(all, k);
    }

    private static void assertMatchesBruteForce(DistanceMetric metric, int threads) {
        Random rnd = new Random(42);
        float[][] ref = random(rnd, 1500, 37);
        float[][] queries = random(rnd, 211, 37);
        int k = 15;
        Neighbor[][] got = new ExactNeighborSearch(ref, metric, threads).search(queries, k, CancellationToken.NONE,
                ProgressListener.NONE);
        for (int qi = 0; qi < queries.length; qi++) {
            Neighbor[] expected = bruteForce(ref, queries[qi], k, metric);
            for (int j = 0; j < k; j++) {
                assertEquals(expected[j].distance(), got[qi][j].distance(), 1e-5,
                        "distance of neighbour " + j + " of query " + qi);
                // float rounding may swap neighbours whose true distances differ by less than the tolerance
                if (j + 1 < k && Math.abs(expected[j + 1].distance() - expected[j].distance()) > 1e-5
                        && (j == 0 || Math.abs(expected[j].distance() - expected[j - 1].distance()) > 1e-5)) {
                    assertEquals(expected[j].index(), got[qi][j].index(), "index of neighbour " + j + " of query "
                            + qi);
                }
            }
            for (int j = 1; j < k; j++) {
                assertTrue(got[qi][j - 1].compareTo(got[qi][j]) < 0, "order within query " + qi);
            }
        }
    }

    @Test
    void cosineSearchMatchesBruteForceOnRandomData() {
        assertMatchesBruteForce(DistanceMetric.COSINE, 3);
    }

    @Test
    void euclideanSearchMatchesBruteForceOnRandomData() {
        assertMatchesBruteForce(DistanceMetric.EUCLIDEAN, 2);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Random rnd = new Random(7);
        float[][] ref = random(rnd, 900, 16);
        float[][] q = random(rnd, 300, 16);
        Neighbor[][] one = new ExactNeighborSearch(ref, DistanceMetric.COSINE, 1).search(q, 10,
                CancellationToken.NONE, ProgressListener.NONE);
        Neighbor[][] four = new ExactNeighborSearch(ref, DistanceMetric.COSINE, 4).search(q, 10,
                CancellationToken.NONE, ProgressListener.NONE);
        for (int i = 0; i < q.length; i++) {
            assertArrayEquals(one[i], four[i]);
        }
    }

    /**
     * The plain implementation of the search's arithmetic, without blocks or panels: vectors normalised as the index
     * does (sum of squares in double, then each component times the float inverse norm), one sequential float dot
     * product per pair, the same distance formula in double, and a full sort by distance then index.
     */
    static Neighbor[] sequentialReference(float[][] ref, float[] q, int k, DistanceMetric metric) {
        float[] qv = metric == DistanceMetric.COSINE ? unit(q) : q;
        float qNorm = sequentialDot(q, q);
        Neighbor[] all = new Neighbor[ref.length];
        for (int i = 0; i < ref.length; i++) {
            double d;
            if (metric == DistanceMetric.COSINE) {
                d = Math.max(0.0, 1.0 - (double) sequentialDot(qv, unit(ref[i])));
            } else {
                double sq = (double) qNorm + sequentialDot(ref[i], ref[i]) - 2.0 * sequentialDot(q, ref[i]);
                d = Math.sqrt(Math.max(0.0, sq));
            }
            all[i] = new Neighbor(i, d);
        }
        Arrays.sort(all, Comparator.naturalOrder());
        return Arrays.copyOf(all, k);
    }

    private static float sequentialDot(float[] a, float[] b) {
        float s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        if (s == 0) {
            return v.clone();
        }
        float inv = (float) (1.0 / Math.sqrt(s));
        float[] u = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            u[j] = v[j] * inv;
        }
        return u;
    }

    /**
     * Random rows with many exact ties: small integer components (so distinct pairs often share a distance),
     * duplicated rows, rows scaled by two (the same direction, so cosine ties), zero rows, and queries that are
     * copies of reference rows (distance 0).
     */
    static float[][][] tiedData(Random rnd, int rows, int queries, int dim) {
        float[][] ref = new float[rows][dim];
        for (int i = 0; i < rows; i++) {
            int kind = rnd.nextInt(10);
            if (i > 0 && kind == 0) {
                ref[i] = ref[rnd.nextInt(i)].clone();
            } else if (i > 0 && kind == 1) {
                float[] src = ref[rnd.nextInt(i)];
                for (int j = 0; j < dim; j++) {
                    ref[i][j] = 2 * src[j];
                }
            } else if (kind == 2) {
                continue;
            } else {
                for (int j = 0; j < dim; j++) {
                    ref[i][j] = kind < 6 ? rnd.nextInt(3) - 1 : (float) rnd.nextGaussian();
                }
            }
        }
        float[][] q = new float[queries][];
        for (int i = 0; i < queries; i++) {
            if (i % 4 == 0) {
                q[i] = ref[rnd.nextInt(rows)].clone();
            } else {
                q[i] = new float[dim];
                for (int j = 0; j < dim; j++) {
                    q[i][j] = i % 4 == 1 ? rnd.nextInt(3) - 1 : (float) rnd.nextGaussian();
                }
            }
        }
        return new float[][][] {ref, q};
    }

    @ParameterizedTest(name = "{0} reference x {1} queries x {2} dimensions, k = {3}, {4}, {5} threads")
    @CsvSource({
        "1, 3, 1, 1, COSINE, 1",
        "7, 5, 2, 7, EUCLIDEAN, 2",
        "300, 40, 3, 10, COSINE, 2",
        "300, 40, 5, 10, EUCLIDEAN, 3",
        "1024, 17, 8, 15, COSINE, 1",
        "1025, 130, 9, 15, EUCLIDEAN, 2",
        "2051, 300, 13, 25, COSINE, 3",
        "2051, 300, 37, 2051, EUCLIDEAN, 2",
        "1100, 33, 1536, 10, COSINE, 2",
        "1100, 33, 1539, 10, EUCLIDEAN, 2"
    })
    void searchEqualsSequentialLoopsBitForBitIncludingTies(int rows, int queries, int dim, int k,
            DistanceMetric metric, int threads) {
        float[][][] data = tiedData(new Random(rows * 31L + dim), rows, queries, dim);
        float[][] ref = data[0];
        float[][] q = data[1];
        Neighbor[][] got = new ExactNeighborSearch(ref, metric, threads).search(q, k, CancellationToken.NONE,
                ProgressListener.NONE);
        int tiedPairs = 0;
        for (int i = 0; i < queries; i++) {
            Neighbor[] expected = sequentialReference(ref, q[i], k, metric);
            assertArrayEquals(expected, got[i], "neighbours of query " + i);
            for (int j = 1; j < k; j++) {
                tiedPairs += expected[j].distance() == expected[j - 1].distance() ? 1 : 0;
            }
        }
        if (rows > 2) {
            assertTrue(tiedPairs > 0, "the data should contain equal distances to check the order by index");
        }
    }

    @Test
    void manyQueryBlocksGiveTheSameNeighboursForAnyThreadCount() {
        Random rnd = new Random(11);
        float[][] ref = random(rnd, 2100, 24);
        float[][] q = random(rnd, 1000, 24);
        Neighbor[][] one = new ExactNeighborSearch(ref, DistanceMetric.EUCLIDEAN, 1).search(q, 5,
                CancellationToken.NONE, ProgressListener.NONE);
        for (int threads : new int[] {2, 3, 7}) {
            Neighbor[][] more = new ExactNeighborSearch(ref, DistanceMetric.EUCLIDEAN, threads).search(q, 5,
                    CancellationToken.NONE, ProgressListener.NONE);
            for (int i = 0; i < q.length; i++) {
                assertArrayEquals(one[i], more[i], "query " + i + " with " + threads + " threads");
            }
        }
    }

    @Test
    void cosineSkipThresholdIsTheLastDotProductThatCannotBeatTheWorstNeighbour() {
        Random rnd = new Random(5);
        double[] worst = new double[2000];
        for (int i = 0; i < worst.length; i++) {
            switch (i % 4) {
                case 0 -> worst[i] = rnd.nextDouble() * 2.1;
                case 1 -> worst[i] = Math.max(0.0, 1.0 - (double) (float) (rnd.nextGaussian() * 0.7));
                case 2 -> worst[i] = 1.0 - (double) Math.scalb((float) rnd.nextDouble(), -rnd.nextInt(140));
                default -> worst[i] = Math.scalb(rnd.nextDouble(), -rnd.nextInt(60));
            }
        }
        worst[0] = 1.0;
        worst[1] = 2.0;
        worst[2] = Double.MIN_VALUE;
        for (double w : worst) {
            if (w == 0.0) {
                continue; // checked below: nothing beats a worst distance of 0
            }
            float t = ExactNeighborSearch.cosineSkipThreshold(w);
            assertTrue(Float.isFinite(t), "threshold for worst distance " + w);
            assertTrue(Math.max(0.0, 1.0 - (double) t) >= w, "dot " + t + " must not beat worst distance " + w);
            float next = Math.nextUp(t);
            assertTrue(Math.max(0.0, 1.0 - (double) next) < w, "dot " + next + " must beat worst distance " + w);
        }
        assertEquals(Float.POSITIVE_INFINITY, ExactNeighborSearch.cosineSkipThreshold(0.0));
    }

    @Test
    void queryBlocksShrinkSoThatEveryThreadGetsWork() {
        assertEquals(ExactNeighborSearch.QUERY_BLOCK, ExactNeighborSearch.queryBlock(5000, 2));
        assertEquals(25, ExactNeighborSearch.queryBlock(100, 2));
        assertEquals(ExactNeighborSearch.MIN_QUERY_BLOCK, ExactNeighborSearch.queryBlock(3, 4));
        assertEquals(ExactNeighborSearch.MIN_QUERY_BLOCK, ExactNeighborSearch.queryBlock(0, 1));
    }

    @Test
    void equalDistancesAreOrderedByIndex() {
        float[][] ref = {{1, 0}, {0, 1}, {1, 0}, {2, 0}, {0, 3}};
        Neighbor[][] got = new ExactNeighborSearch(ref, DistanceMetric.COSINE, 1).search(new float[][] {{5, 0}}, 4,
                CancellationToken.NONE, ProgressListener.NONE);
        assertArrayEquals(new int[] {0, 2, 3, 1}, Arrays.stream(got[0]).mapToInt(Neighbor::index).toArray());
        assertEquals(1.0, got[0][3].distance(), 1e-7);
    }

    @Test
    void searchRejectsKLargerThanReference() {
        ExactNeighborSearch s = new ExactNeighborSearch(new float[][] {{1, 2}, {3, 4}}, DistanceMetric.COSINE, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> s.search(new float[][] {{1, 1}}, 3, CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("between 1 and the number of reference rows (2)"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> s.search(new float[][] {{1, 1}}, 0, CancellationToken.NONE, ProgressListener.NONE));
    }

    @Test
    void searchNamesQueryRowOfWrongDimension() {
        ExactNeighborSearch s = new ExactNeighborSearch(new float[][] {{1, 2}, {3, 4}}, DistanceMetric.EUCLIDEAN, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> s.search(
                new float[][] {{1, 1}, {1, 2, 3}}, 1, CancellationToken.NONE, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("query vector of row 2 has 3 dimensions but 2"), e.getMessage());
    }

    @Test
    void indexNamesMissingAndNonFiniteReferenceRows() {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> new ExactNeighborSearch(new float[][] {{1, 2}, null}, DistanceMetric.COSINE, 1));
        assertTrue(missing.getMessage().contains("row 2 is missing"), missing.getMessage());
        InvalidInputException nan = assertThrows(InvalidInputException.class,
                () -> new ExactNeighborSearch(new float[][] {{1, Float.NaN}}, DistanceMetric.COSINE, 1));
        assertTrue(nan.getMessage().contains("component 2"), nan.getMessage());
    }

    @Test
    void cancelledSearchStops() {
        ExactNeighborSearch s = new ExactNeighborSearch(new float[][] {{1, 2}, {3, 4}}, DistanceMetric.COSINE, 2);
        assertThrows(CancelledException.class, () -> s.search(new float[100][2], 1, () -> true,
                ProgressListener.NONE));
    }
}
