package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact (brute-force) k-nearest-neighbour search over a fixed reference set. Distances come from blocked dot
 * products over packed float rows; query blocks are processed in parallel on a bounded pool, each writing only its
 * own results, so the output does not depend on the thread count. For cosine, reference and queries are
 * L2-normalised once and the distance is 1 - dot product (clamped at 0). Instances are immutable and thread-safe.
 */
public final class ExactNeighborSearch {
    private static final int QUERY_BLOCK = 32;
    /** Bytes of reference rows per block: small enough to stay in a core's L2 cache while a query block passes. */
    private static final int REF_BLOCK_BYTES = 256 * 1024;

    private final float[] reference;
    private final float[] referenceSquaredNorms;
    private final int rows;
    private final int dim;
    private final DistanceMetric metric;
    private final int threads;
    private final int refBlock;

    /**
     * Indexes the reference vectors (copied).
     *
     * @param referenceRows one vector per reference row, all of one dimension, finite, at least one row
     * @param metric distance to use
     * @param threads worker threads for {@link #search}, at least 1
     * @throws InvalidInputException if a row is missing, of another dimension or not finite, or there are no rows
     */
    public ExactNeighborSearch(float[][] referenceRows, DistanceMetric metric, int threads) {
        if (metric == null) {
            throw new InvalidInputException("Neighbour search: choose a distance metric (cosine or Euclidean).");
        }
        if (threads < 1) {
            throw new InvalidInputException("Neighbour search: threads must be at least 1, got " + threads + ".");
        }
        if (referenceRows == null || referenceRows.length == 0) {
            throw new InvalidInputException("Neighbour search: the reference has no rows; give at least one "
                    + "labelled vector.");
        }
        this.reference = Vectors.pack(referenceRows, "reference", -1);
        this.rows = referenceRows.length;
        this.dim = reference.length / rows;
        this.metric = metric;
        this.threads = threads;
        this.refBlock = Math.max(16, Math.min(512, REF_BLOCK_BYTES / (4 * dim)) / 4 * 4);
        if (metric == DistanceMetric.COSINE) {
            Vectors.normalizeRows(reference, dim);
            this.referenceSquaredNorms = null;
        } else {
            referenceSquaredNorms = new float[rows];
            for (int i = 0; i < rows; i++) {
                referenceSquaredNorms[i] = dot(reference, i * dim, reference, i * dim, dim);
            }
        }
    }

    /** @return number of reference rows */
    public int size() {
        return rows;
    }

    /** @return dimension of the vectors */
    public int dimension() {
        return dim;
    }

    /** @return the metric the index was built for */
    public DistanceMetric metric() {
        return metric;
    }

    /**
     * Finds the k nearest reference rows of each query.
     *
     * @param queries one vector per query row, of the reference's dimension
     * @param k neighbours per query, 1 &lt;= k &lt;= {@link #size()}
     * @param cancel polled between query blocks
     * @param progress receives the fraction of queries done
     * @return per query, k neighbours ordered by ascending distance, ties by ascending index
     * @throws InvalidInputException if k is out of range or a query row is missing, of another dimension or not
     *         finite
     * @throws CancelledException if cancelled
     */
    public Neighbor[][] search(float[][] queries, int k, CancellationToken cancel, ProgressListener progress) {
        if (k < 1 || k > rows) {
            throw new InvalidInputException("Neighbour search: k must lie between 1 and the number of reference rows ("
                    + rows + "), got " + k + ". Lower k or add reference rows.");
        }
        float[] q = Vectors.pack(queries, "query", dim);
        int n = queries.length;
        if (metric == DistanceMetric.COSINE) {
            Vectors.normalizeRows(q, dim);
        }
        Neighbor[][] result = new Neighbor[n][];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        AtomicInteger done = new AtomicInteger();
        Runnable[] tasks = new Runnable[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b * QUERY_BLOCK;
            int to = Math.min(n, from + QUERY_BLOCK);
            tasks[b] = () -> {
                cancel.check();
                searchBlock(q, from, to, k, result);
                int finished = done.addAndGet(to - from);
                progress.progress((double) finished / n, "Searched " + finished + " of " + n + " queries");
            };
        }
        runAll(tasks, threads);
        return result;
    }

    private void searchBlock(float[] q, int from, int to, int k, Neighbor[][] out) {
        int nq = to - from;
        double[][] bestDist = new double[nq][k];
        int[][] bestIdx = new int[nq][k];
        int[] filled = new int[nq];
        float[] dots = new float[refBlock];
        float[] qNorms = new float[nq];
        if (metric == DistanceMetric.EUCLIDEAN) {
            for (int a = 0; a < nq; a++) {
                qNorms[a] = dot(q, (from + a) * dim, q, (from + a) * dim, dim);
            }
        }
        for (int r0 = 0; r0 < rows; r0 += refBlock) {
            int r1 = Math.min(rows, r0 + refBlock);
            for (int a = 0; a < nq; a++) {
                int qOff = (from + a) * dim;
                dotBlock(q, qOff, r0, r1, dots);
                double[] bd = bestDist[a];
                int[] bi = bestIdx[a];
                for (int r = r0; r < r1; r++) {
                    double d = distance(dots[r - r0], qNorms[a], r);
                    int f = filled[a];
                    if (f == k && d >= bd[k - 1]) {
                        // rows arrive in ascending index, so an equal distance never displaces an earlier row
                        continue;
                    }
                    int pos = f == k ? k - 1 : f;
                    while (pos > 0 && bd[pos - 1] > d) {
                        bd[pos] = bd[pos - 1];
                        bi[pos] = bi[pos - 1];
                        pos--;
                    }
                    bd[pos] = d;
                    bi[pos] = r;
                    if (f < k) {
                        filled[a] = f + 1;
                    }
                }
            }
        }
        for (int a = 0; a < nq; a++) {
            Neighbor[] list = new Neighbor[k];
            for (int j = 0; j < k; j++) {
                list[j] = new Neighbor(bestIdx[a][j], bestDist[a][j]);
            }
            out[from + a] = list;
        }
    }

    private double distance(float dot, float qNorm, int r) {
        if (metric == DistanceMetric.COSINE) {
            return Math.max(0.0, 1.0 - (double) dot);
        }
        double sq = (double) qNorm + referenceSquaredNorms[r] - 2.0 * dot;
        return Math.sqrt(Math.max(0.0, sq));
    }

    /** Dot products of one query with reference rows r0..r1, four rows at a time to reuse each query load. */
    private void dotBlock(float[] q, int qOff, int r0, int r1, float[] out) {
        float[] ref = reference;
        int d = dim;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int o0 = r * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int j = 0; j < d; j++) {
                float x = q[qOff + j];
                s0 += x * ref[o0 + j];
                s1 += x * ref[o1 + j];
                s2 += x * ref[o2 + j];
                s3 += x * ref[o3 + j];
            }
            out[r - r0] = s0;
            out[r + 1 - r0] = s1;
            out[r + 2 - r0] = s2;
            out[r + 3 - r0] = s3;
        }
        for (; r < r1; r++) {
            out[r - r0] = dot(q, qOff, ref, r * d, d);
        }
    }

    private static float dot(float[] a, int aOff, float[] b, int bOff, int d) {
        float s = 0;
        for (int j = 0; j < d; j++) {
            s += a[aOff + j] * b[bOff + j];
        }
        return s;
    }

    /**
     * Runs independent tasks on a bounded pool and waits for all; the first failure is rethrown.
     *
     * @throws EngineException wrapping an unexpected failure of a task
     */
    static void runAll(Runnable[] tasks, int threads) {
        if (threads == 1 || tasks.length <= 1) {
            for (Runnable t : tasks) {
                t.run();
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.length), r -> {
            Thread t = new Thread(r, "scllm-classify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(tasks.length);
            for (Runnable t : tasks) {
                futures.add(pool.submit(t));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    for (Future<?> other : futures) {
                        other.cancel(true);
                    }
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new EngineException("A worker thread failed: " + c, c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            pool.shutdownNow();
        }
    }
}
