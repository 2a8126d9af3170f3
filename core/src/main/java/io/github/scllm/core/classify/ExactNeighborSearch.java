package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact (brute-force) k-nearest-neighbour search over a fixed reference set. For cosine, reference and queries are
 * L2-normalised once and the distance is 1 - dot product (clamped at 0); for Euclidean it is
 * sqrt(|q|^2 + |r|^2 - 2 q.r) (clamped at 0). Instances are immutable and thread-safe.
 *
 * <p>Layout: the reference is stored in blocks of 1,024 rows ({@code REF_BLOCK}), each block transposed into one float array
 * per vector component ("panel"). A query block accumulates its dot products with a whole reference block by adding,
 * four components at a time, the component arrays scaled by the query's components: a loop over independent arrays
 * that the JIT compiles to SIMD multiply and add instructions. Components are added in ascending order with float
 * rounding after every step, so each dot product is bit for bit the one of a plain sequential float loop, whatever the
 * block sizes, the thread count or the CPU (a JVM that does not vectorise the loop gives the same results, slower).
 * Query blocks run in parallel on a bounded pool, each writing only its own results, so the output does not depend on
 * the thread count. For cosine, a reference row is dismissed by one float comparison of its dot product with the
 * exact threshold below which it cannot displace the query's current k-th neighbour.
 */
public final class ExactNeighborSearch {
    /*
     * Block sizes, chosen by measurement (1536 and 128 dimensions): a slice of COMPONENT_CHUNK components of one panel
     * (32 KB) stays in the L1 cache while the whole query block adds it to its sums (QUERY_BLOCK x REF_BLOCK floats,
     * 512 KB, in L2); a larger query block reads the reference from memory fewer times.
     */
    /** Largest number of queries sharing one pass over the reference. */
    static final int QUERY_BLOCK = 128;
    /** Smallest query block when there are few queries (so that all threads get work). */
    static final int MIN_QUERY_BLOCK = 8;
    /** Reference rows per panel (the length of the accumulated vectors). */
    static final int REF_BLOCK = 1024;
    /** Components added per pass over the query block. */
    static final int COMPONENT_CHUNK = 8;

    /** [block][component][row in block]; the last block may be shorter. */
    private final float[][][] panels;
    private final float[] referenceSquaredNorms;
    private final int rows;
    private final int dim;
    private final DistanceMetric metric;
    private final int threads;

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
        this.dim = Vectors.check(referenceRows, "reference", -1);
        this.rows = referenceRows.length;
        this.metric = metric;
        this.threads = threads;
        this.referenceSquaredNorms = metric == DistanceMetric.EUCLIDEAN ? new float[rows] : null;
        int blocks = (rows + REF_BLOCK - 1) / REF_BLOCK;
        this.panels = new float[blocks][][];
        float[] row = new float[dim];
        for (int b = 0; b < blocks; b++) {
            int r0 = b * REF_BLOCK;
            int width = Math.min(REF_BLOCK, rows - r0);
            float[][] panel = new float[dim][width];
            for (int i = 0; i < width; i++) {
                System.arraycopy(referenceRows[r0 + i], 0, row, 0, dim);
                if (metric == DistanceMetric.COSINE) {
                    Vectors.normalizeRows(row, dim);
                } else {
                    referenceSquaredNorms[r0 + i] = dot(row, 0, row, 0, dim);
                }
                for (int c = 0; c < dim; c++) {
                    panel[c][i] = row[c];
                }
            }
            panels[b] = panel;
        }
    }

    private ExactNeighborSearch(float[][][] panels, float[] referenceSquaredNorms, int rows, int dim,
            DistanceMetric metric, int threads) {
        this.panels = panels;
        this.referenceSquaredNorms = referenceSquaredNorms;
        this.rows = rows;
        this.dim = dim;
        this.metric = metric;
        this.threads = threads;
    }

    /** Writes the index as built (normalised panels, norms), so a read index searches bit for bit alike. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(rows);
        out.writeInt(dim);
        out.writeUTF(metric.name());
        for (float[][] panel : panels) {
            for (float[] component : panel) {
                for (float x : component) {
                    out.writeFloat(x);
                }
            }
        }
        if (referenceSquaredNorms != null) {
            for (float x : referenceSquaredNorms) {
                out.writeFloat(x);
            }
        }
    }

    /** Reads an index written by {@link #writeTo}. */
    static ExactNeighborSearch readFrom(DataInput in, int threads) throws IOException {
        int rows = in.readInt();
        int dim = in.readInt();
        DistanceMetric metric = DistanceMetric.valueOf(in.readUTF());
        if (rows < 1 || dim < 1) {
            throw new InvalidInputException("The stored neighbour index is damaged (" + rows + " rows, " + dim
                    + " dimensions); fit the model again.");
        }
        int blocks = (rows + REF_BLOCK - 1) / REF_BLOCK;
        float[][][] panels = new float[blocks][][];
        for (int b = 0; b < blocks; b++) {
            int width = Math.min(REF_BLOCK, rows - b * REF_BLOCK);
            panels[b] = new float[dim][width];
            for (float[] component : panels[b]) {
                for (int i = 0; i < width; i++) {
                    component[i] = in.readFloat();
                }
            }
        }
        float[] norms = null;
        if (metric == DistanceMetric.EUCLIDEAN) {
            norms = new float[rows];
            for (int i = 0; i < rows; i++) {
                norms[i] = in.readFloat();
            }
        }
        return new ExactNeighborSearch(panels, norms, rows, dim, metric, threads);
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
        int queryBlock = queryBlock(n, threads);
        int blocks = (n + queryBlock - 1) / queryBlock;
        AtomicInteger done = new AtomicInteger();
        Runnable[] tasks = new Runnable[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b * queryBlock;
            int to = Math.min(n, from + queryBlock);
            tasks[b] = () -> {
                cancel.check();
                searchBlock(q, from, to, k, result);
                // one report at a time, in the order of the counts, so the fraction never goes back
                synchronized (done) {
                    int finished = done.addAndGet(to - from);
                    progress.progress((double) finished / n, "Searched " + finished + " of " + n + " queries");
                }
            };
        }
        runAll(tasks, threads);
        return result;
    }

    /** Queries per task: as many as fit the cache plan, but at least two tasks per thread when that is possible. */
    static int queryBlock(int queries, int threads) {
        long perTask = ((long) queries + 2L * threads - 1) / (2L * threads);
        return (int) Math.max(MIN_QUERY_BLOCK, Math.min(QUERY_BLOCK, perTask));
    }

    private void searchBlock(float[] q, int from, int to, int k, Neighbor[][] out) {
        int nq = to - from;
        double[][] bestDist = new double[nq][k];
        int[][] bestIdx = new int[nq][k];
        int[] filled = new int[nq];
        float[][] dots = new float[nq][Math.min(REF_BLOCK, rows)];
        float[] qNorms = new float[nq];
        // dot products at or below this cannot enter the query's list (cosine with a full list only; NaN skips none)
        float[] skipThreshold = new float[nq];
        Arrays.fill(skipThreshold, Float.NaN);
        if (metric == DistanceMetric.EUCLIDEAN) {
            for (int a = 0; a < nq; a++) {
                qNorms[a] = dot(q, (from + a) * dim, q, (from + a) * dim, dim);
            }
        }
        for (int b = 0; b < panels.length; b++) {
            float[][] panel = panels[b];
            int width = panel[0].length;
            int r0 = b * REF_BLOCK;
            for (float[] d : dots) {
                Arrays.fill(d, 0, width, 0f);
            }
            for (int c0 = 0; c0 < dim; c0 += COMPONENT_CHUNK) {
                int c1 = Math.min(dim, c0 + COMPONENT_CHUNK);
                for (int a = 0; a < nq; a++) {
                    accumulate(dots[a], panel, width, q, (from + a) * dim, c0, c1);
                }
            }
            for (int a = 0; a < nq; a++) {
                float[] da = dots[a];
                double[] bd = bestDist[a];
                int[] bi = bestIdx[a];
                int f = filled[a];
                float skip = skipThreshold[a];
                for (int i = 0; i < width; i++) {
                    if (da[i] <= skip) {
                        continue;
                    }
                    int r = r0 + i;
                    double d = distance(da[i], qNorms[a], r);
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
                        f++;
                    }
                    if (f == k && metric == DistanceMetric.COSINE) {
                        skip = cosineSkipThreshold(bd[k - 1]);
                    }
                }
                filled[a] = f;
                skipThreshold[a] = skip;
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

    /**
     * The largest float dot product whose cosine distance is still at least {@code worst}. The distance
     * max(0, 1 - dot) never increases with the dot product, so a dot product at or below the returned value gives a
     * distance of at least {@code worst} (it cannot displace the worst neighbour, not even on a tie) and every larger
     * one gives less: skipping by this threshold selects exactly the rows the distance comparison would. Found by
     * a look at the floats next to 1 - worst, or else by bisection over all floats in their numeric order.
     *
     * @return the threshold; positive infinity if no dot product can beat {@code worst}
     */
    static float cosineSkipThreshold(double worst) {
        if (cosineDistance(Float.MAX_VALUE) >= worst) {
            return Float.POSITIVE_INFINITY;
        }
        // usually the rounded 1 - worst is the answer or a neighbour of it
        float t = Math.nextDown(Math.nextDown((float) (1.0 - worst)));
        for (int step = 0; step < 4 && Float.isFinite(t); step++, t = Math.nextUp(t)) {
            if (cosineDistance(t) >= worst && cosineDistance(Math.nextUp(t)) < worst) {
                return t;
            }
        }
        long lo = orderedKey(-Float.MAX_VALUE); // distance there is at least worst
        long hi = orderedKey(Float.MAX_VALUE); // distance there is below worst
        while (hi - lo > 1) {
            long mid = (lo + hi) >> 1;
            if (cosineDistance(fromOrderedKey(mid)) >= worst) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return fromOrderedKey(lo);
    }

    /** Maps floats to longs in the same order (-0 just below +0). */
    private static long orderedKey(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    private static float fromOrderedKey(long key) {
        int k = (int) key;
        return Float.intBitsToFloat(k >= 0 ? k : k ^ 0x7fffffff);
    }

    private static double cosineDistance(float dot) {
        return Math.max(0.0, 1.0 - (double) dot);
    }

    private double distance(float dot, float qNorm, int r) {
        if (metric == DistanceMetric.COSINE) {
            return cosineDistance(dot);
        }
        double sq = (double) qNorm + referenceSquaredNorms[r] - 2.0 * dot;
        return Math.sqrt(Math.max(0.0, sq));
    }

    /**
     * Adds components c0..c1 of one query's dot products with the rows of a panel to {@code acc}, in ascending
     * component order (so the sums round exactly like a sequential loop).
     */
    private static void accumulate(float[] acc, float[][] panel, int width, float[] q, int qOff, int c0, int c1) {
        int c = c0;
        for (; c + 3 < c1; c += 4) {
            addFour(acc, panel[c], panel[c + 1], panel[c + 2], panel[c + 3], width,
                    q[qOff + c], q[qOff + c + 1], q[qOff + c + 2], q[qOff + c + 3]);
        }
        for (; c < c1; c++) {
            addOne(acc, panel[c], width, q[qOff + c]);
        }
    }

    /**
     * acc[i] += x0 p0[i] + x1 p1[i] + x2 p2[i] + x3 p3[i], summed left to right. Kept this small on purpose: every
     * index is the plain loop variable over separate arrays and the body is short enough for the JIT to unroll it,
     * which is what lets it vectorise the loop; more terms or offset indices make it fall back to scalar code.
     */
    private static void addFour(float[] acc, float[] p0, float[] p1, float[] p2, float[] p3, int width,
            float x0, float x1, float x2, float x3) {
        for (int i = 0; i < width; i++) {
            acc[i] = acc[i] + x0 * p0[i] + x1 * p1[i] + x2 * p2[i] + x3 * p3[i];
        }
    }

    private static void addOne(float[] acc, float[] p, int width, float x) {
        for (int i = 0; i < width; i++) {
            acc[i] = acc[i] + x * p[i];
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
