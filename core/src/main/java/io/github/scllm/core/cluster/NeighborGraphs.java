package io.github.scllm.core.cluster;

import com.github.jelmerk.knn.DistanceFunctions;
import com.github.jelmerk.knn.Item;
import com.github.jelmerk.knn.SearchResult;
import com.github.jelmerk.knn.hnsw.HnswIndex;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.classify.ExactNeighborSearch;
import io.github.scllm.core.classify.Neighbor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * k-nearest-neighbour graphs of vectors and their edge weights.
 *
 * <p>Neighbours: exact ({@link ExactNeighborSearch}, O(n^2 d)) up to a chosen number of vectors, beyond it an HNSW
 * index (Malkov and Yashunin 2018, the hnswlib-core library; M 16, ef_construction 200, ef 100), whose recall at
 * k = 15 against exact search is measured in the benchmarks. Each point counts as its own first neighbour, as in
 * scanpy's {@code n_neighbors}.
 */
public final class NeighborGraphs {
    /** HNSW links per node and search widths: hnswlib's usual values, recall measured in the benchmarks. */
    static final int HNSW_M = 16;
    static final int HNSW_EF_CONSTRUCTION = 200;
    static final int HNSW_EF = 100;
    private static final int HNSW_BATCH = 10_000;
    /** Seurat's prune.SNN: shared-neighbour weights below 1/15 are dropped. */
    public static final double SNN_PRUNE = 1.0 / 15;

    private NeighborGraphs() {
    }

    /** One vector as the HNSW library's item. */
    private record VectorItem(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    /**
     * Finds each vector's k nearest vectors among all of them, itself included.
     *
     * @param vectors one row per point, one dimension, finite
     * @param k neighbours per point, itself included, at least 2 (clipped to the number of points)
     * @param metric distance
     * @param exactUpTo exact search up to this many points, HNSW above
     * @param threads worker threads, at least 1
     * @param cancel polled between blocks
     * @param progress receives the fraction done
     * @return per point, its neighbours by ascending distance (ties by index)
     * @throws InvalidInputException if there are fewer than 2 points or a row is missing, of another dimension or not
     *         finite
     * @throws CancelledException if cancelled
     */
    public static Neighbor[][] nearest(float[][] vectors, int k, DistanceMetric metric, int exactUpTo, int threads,
        CancellationToken cancel, ProgressListener progress) {
        if (vectors == null || vectors.length < 2) {
            throw new InvalidInputException("Neighbour graph: at least 2 cells are needed, got "
                + (vectors == null ? 0 : vectors.length) + ".");
        }
        int kk = Math.min(k, vectors.length);
        if (vectors.length <= exactUpTo) {
            return new ExactNeighborSearch(vectors, metric, threads).search(vectors, kk, cancel, progress);
        }
        return approximate(vectors, kk, metric, threads, cancel, progress);
    }

    private static Neighbor[][] approximate(float[][] vectors, int k, DistanceMetric metric, int threads,
        CancellationToken cancel, ProgressListener progress) {
        int n = vectors.length;
        int dim = vectors[0].length;
        List<VectorItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (vectors[i] == null || vectors[i].length != dim) {
                throw new InvalidInputException("Neighbour graph: row " + (i + 1) + " is missing or has another "
                    + "dimension than row 1 (" + dim + ").");
            }
            for (float v : vectors[i]) {
                if (!Float.isFinite(v)) {
                    throw new InvalidInputException("Neighbour graph: row " + (i + 1) + " holds " + v
                        + "; vectors must be finite.");
                }
            }
            items.add(new VectorItem(i, vectors[i]));
        }
        HnswIndex<Integer, float[], VectorItem, Float> index = HnswIndex.newBuilder(dim,
            metric == DistanceMetric.COSINE ? DistanceFunctions.FLOAT_COSINE_DISTANCE
                : DistanceFunctions.FLOAT_EUCLIDEAN_DISTANCE, n).withM(HNSW_M)
            .withEfConstruction(HNSW_EF_CONSTRUCTION).withEf(Math.max(HNSW_EF, k)).build();
        try {
            for (int from = 0; from < n; from += HNSW_BATCH) {
                cancel.check();
                index.addAll(items.subList(from, Math.min(n, from + HNSW_BATCH)), threads, (done, max) -> { },
                    HNSW_BATCH);
                progress.progress(0.6 * Math.min(n, from + HNSW_BATCH) / n, "HNSW index: " + Math.min(n, from
                    + HNSW_BATCH) + " of " + n + " cells");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        Neighbor[][] out = new Neighbor[n][];
        AtomicInteger done = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, (n + 1023) / 1024).parallel().forEach(b -> {
                cancel.check();
                for (int i = b * 1024; i < Math.min(n, (b + 1) * 1024); i++) {
                    List<SearchResult<VectorItem, Float>> found = index.findNearest(vectors[i], k);
                    Neighbor[] row = new Neighbor[found.size()];
                    for (int t = 0; t < row.length; t++) {
                        row[t] = new Neighbor(found.get(t).item().id(), Math.max(0.0, found.get(t).distance()));
                    }
                    Arrays.sort(row);
                    out[i] = row;
                }
                synchronized (done) {
                    int d = done.addAndGet(1024);
                    progress.progress(0.6 + 0.4 * Math.min(1.0, d / (double) n), "HNSW search");
                }
            })).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineException ee) {
                throw ee;
            }
            throw new IllegalStateException("Neighbour graph: HNSW search failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            pool.shutdown();
        }
        return out;
    }

    /**
     * UMAP's fuzzy simplicial set, as scanpy's connectivities: per point, rho = distance to its nearest other point
     * and sigma by bisection so that its memberships {@code exp(-(d - rho) / sigma)} sum to log2(k); then the fuzzy
     * union {@code a + b - ab} of both directions of every edge.
     *
     * @param knn per point its neighbours (itself normally first), as {@link #nearest} gives them
     * @return the symmetric graph, weights in (0, 1]
     */
    public static WeightedGraph umapConnectivities(Neighbor[][] knn) {
        int n = knn.length;
        int k = knn[0].length;
        int m = Math.max(1, k - 1);
        long[] keys = new long[n * m];
        double[] values = new double[n * m];
        int count = 0;
        double target = Math.log(k) / Math.log(2);
        double globalMean = 0;
        for (Neighbor[] row : knn) {
            for (Neighbor nb : row) {
                globalMean += nb.distance();
            }
        }
        globalMean /= (double) n * k;
        double[] d = new double[m];
        int[] j = new int[m];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (Neighbor nb : knn[i]) {
                // the point itself is normally first; with duplicates it may be elsewhere or missing
                if (nb.index() != i && c < m) {
                    j[c] = nb.index();
                    d[c++] = nb.distance();
                }
            }
            double rho = 0;
            double mean = 0;
            for (int t = 0; t < c; t++) {
                mean += d[t];
                if (rho == 0 && d[t] > 0) {
                    rho = d[t];
                }
            }
            mean = c == 0 ? 0 : mean / c;
            double sigma = bandwidth(d, c, rho, target);
            sigma = Math.max(sigma, MIN_BANDWIDTH_SCALE * (rho > 0 ? mean : globalMean));
            for (int t = 0; t < c; t++) {
                double excess = d[t] - rho;
                keys[count] = (long) i * n + j[t];
                values[count++] = excess <= 0 || sigma == 0 ? 1.0 : Math.exp(-excess / sigma);
            }
        }
        return fuzzyUnion(Arrays.copyOf(keys, count), Arrays.copyOf(values, count), n);
    }

    /** Bisection steps and tolerance of the bandwidth search. */
    private static final int BANDWIDTH_STEPS = 64;
    private static final double BANDWIDTH_TOLERANCE = 1e-5;
    /** Lower bound of a bandwidth, relative to the mean neighbour distance, so that no membership degenerates. */
    private static final double MIN_BANDWIDTH_SCALE = 1e-3;

    /** Bisection for sigma with sum_t exp(-max(0, d_t - rho) / sigma) = target. */
    private static double bandwidth(double[] d, int c, double rho, double target) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1.0;
        for (int step = 0; step < BANDWIDTH_STEPS; step++) {
            double sum = 0;
            for (int t = 0; t < c; t++) {
                double excess = d[t] - rho;
                sum += excess > 0 ? Math.exp(-excess / mid) : 1.0;
            }
            if (Math.abs(sum - target) < BANDWIDTH_TOLERANCE) {
                break;
            }
            if (sum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }

    /** w(i,j) = a + b - a·b with a = w(i→j), b = w(j→i), each 0 when absent. */
    private static WeightedGraph fuzzyUnion(long[] keys, double[] values, int n) {
        long[] sk = keys.clone();
        Integer[] order = new Integer[keys.length];
        Arrays.setAll(order, t -> t);
        Arrays.sort(order, (p, q) -> Long.compare(keys[p], keys[q]));
        double[] sv = new double[keys.length];
        for (int t = 0; t < order.length; t++) {
            sk[t] = keys[order[t]];
            sv[t] = values[order[t]];
        }
        long[] all = new long[2 * sk.length];
        for (int t = 0; t < sk.length; t++) {
            all[2 * t] = sk[t];
            all[2 * t + 1] = (sk[t] % n) * n + sk[t] / n;
        }
        Arrays.sort(all);
        int u = 0;
        for (int t = 0; t < all.length; t++) {
            if (t == 0 || all[t] != all[t - 1]) {
                all[u++] = all[t];
            }
        }
        int[] head = new int[u];
        int[] tail = new int[u];
        double[] weight = new double[u];
        for (int t = 0; t < u; t++) {
            long key = all[t];
            int i = (int) (key / n);
            int j = (int) (key % n);
            double a = lookup(sk, sv, key);
            double b = lookup(sk, sv, (long) j * n + i);
            head[t] = i;
            tail[t] = j;
            weight[t] = a + b - a * b;
        }
        return WeightedGraph.fromSorted(n, head, tail, weight, u);
    }

    private static double lookup(long[] sortedKeys, double[] values, long key) {
        int p = Arrays.binarySearch(sortedKeys, key);
        return p >= 0 ? values[p] : 0.0;
    }

    /**
     * Seurat's shared-nearest-neighbour graph: two points are joined when their neighbour sets (each of k points,
     * itself included) share any point, with the Jaccard index {@code s / (2k - s)} of the sets as weight; weights
     * below {@link #SNN_PRUNE} are dropped, as Seurat's prune.SNN does.
     *
     * @param knn per point its k neighbours, itself included
     * @return the symmetric graph without self loops
     */
    public static WeightedGraph sharedNeighbors(Neighbor[][] knn) {
        int n = knn.length;
        int k = knn[0].length;
        // inverse lists: which points have m among their neighbours
        int[] count = new int[n + 1];
        for (Neighbor[] row : knn) {
            for (Neighbor nb : row) {
                count[nb.index() + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        int[] holders = new int[count[n]];
        int[] fill = Arrays.copyOf(count, n);
        for (int i = 0; i < n; i++) {
            for (Neighbor nb : knn[i]) {
                holders[fill[nb.index()]++] = i;
            }
        }
        int[] shared = new int[n];
        int[] touched = new int[n];
        List<int[]> rows = new ArrayList<>(n);
        List<double[]> rowWeights = new ArrayList<>(n);
        int total = 0;
        for (int i = 0; i < n; i++) {
            int t = 0;
            for (Neighbor nb : knn[i]) {
                for (int h = count[nb.index()]; h < count[nb.index() + 1]; h++) {
                    int j = holders[h];
                    if (j != i && shared[j]++ == 0) {
                        touched[t++] = j;
                    }
                }
            }
            Arrays.sort(touched, 0, t);
            int[] targets = new int[t];
            double[] weights = new double[t];
            int kept = 0;
            for (int q = 0; q < t; q++) {
                int j = touched[q];
                double w = shared[j] / (2.0 * k - shared[j]);
                shared[j] = 0;
                if (w >= SNN_PRUNE) {
                    targets[kept] = j;
                    weights[kept++] = w;
                }
            }
            rows.add(Arrays.copyOf(targets, kept));
            rowWeights.add(Arrays.copyOf(weights, kept));
            total += kept;
        }
        int[] offsets = new int[n + 1];
        int[] targets = new int[total];
        double[] weights = new double[total];
        for (int i = 0; i < n; i++) {
            int[] r = rows.get(i);
            System.arraycopy(r, 0, targets, offsets[i], r.length);
            System.arraycopy(rowWeights.get(i), 0, weights, offsets[i], r.length);
            offsets[i + 1] = offsets[i] + r.length;
        }
        return new WeightedGraph(offsets, targets, weights);
    }
}
