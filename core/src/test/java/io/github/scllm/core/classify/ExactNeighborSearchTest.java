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
