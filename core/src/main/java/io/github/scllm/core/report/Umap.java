package io.github.scllm.core.report;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.classify.Neighbor;
import io.github.scllm.core.cluster.NeighborGraphs;
import io.github.scllm.core.cluster.WeightedGraph;

import java.util.SplittableRandom;

/**
 * Two-dimensional UMAP layout (McInnes, Healy and Melville 2018, arXiv:1802.03426) of vectors under cosine or
 * Euclidean distance, or along a given neighbour graph, deterministic for a seed.
 *
 * <p>Steps: exact k nearest neighbours ({@link io.github.scllm.core.classify.ExactNeighborSearch}, or HNSW for large
 * inputs; the point itself counted as the first of
 * {@code nNeighbors}); per point the distance to its nearest neighbour (rho) and a bandwidth (sigma) found by
 * bisection so that its memberships sum to log2(nNeighbors); the fuzzy union {@code a + b - ab} of both directions
 * of every edge; an initial layout from the first two principal components of the L2-normalised vectors, scaled to
 * [-10, 10]; then stochastic gradient descent on the fuzzy cross-entropy with the curve {@code 1 / (1 + a d^(2b))}
 * fitted to {@code minDist} and {@code spread}, edges sampled in proportion to their weight, five negative samples
 * per positive one, learning rate falling linearly from 1 to 0, gradients clipped to [-4, 4].
 *
 * <p>Cost: the neighbour search is O(n^2 d) (parallel); the descent is O(epochs · n · nNeighbors) and runs on one
 * thread, which is what makes the result independent of the thread count. Meant for up to about 10,000 vectors.
 */
public final class Umap {

    /**
     * Hyper-parameters, validated on construction.
     *
     * @param nNeighbors size of the local neighbourhood, the point itself included, at least 2 (clipped to the number
     *        of vectors)
     * @param minDist smallest distance between points in the layout, in [0, spread]
     * @param spread scale of the layout, positive
     * @param epochs passes of gradient descent, or 0 for 500 up to 10,000 vectors and 200 above
     * @param negativeSampleRate negative samples per positive sample, at least 1
     * @param seed seed of every random choice
     * @param threads threads of the neighbour search, at least 1
     */
    public record Options(int nNeighbors, double minDist, double spread, int epochs, int negativeSampleRate,
        long seed, int threads) {

        /** n_neighbors 15, min_dist 0.1, spread 1, automatic epochs, 5 negative samples, seed 0, all processors. */
        public static final Options DEFAULTS = new Options(15, 0.1, 1.0, 0, 5, 0L,
            Runtime.getRuntime().availableProcessors());

        /** @throws InvalidInputException if a value is out of its range */
        public Options {
            if (nNeighbors < 2) {
                throw new InvalidInputException("UMAP: n_neighbors must be at least 2, got " + nNeighbors + ".");
            }
            if (!(spread > 0) || Double.isInfinite(spread)) {
                throw new InvalidInputException("UMAP: spread must be positive and finite, got " + spread + ".");
            }
            if (!(minDist >= 0 && minDist <= spread)) {
                throw new InvalidInputException("UMAP: min_dist must lie in [0, spread = " + spread + "], got "
                    + minDist + ".");
            }
            if (epochs < 0) {
                throw new InvalidInputException("UMAP: epochs must be 0 (automatic) or positive, got " + epochs + ".");
            }
            if (negativeSampleRate < 1) {
                throw new InvalidInputException("UMAP: the negative sample rate must be at least 1, got "
                    + negativeSampleRate + ".");
            }
            if (threads < 1) {
                throw new InvalidInputException("UMAP: threads must be at least 1, got " + threads + ".");
            }
        }

        /** @return these options with another seed */
        public Options withSeed(long s) {
            return new Options(nNeighbors, minDist, spread, epochs, negativeSampleRate, s, threads);
        }

        /** @return these options with another number of epochs (0: automatic) */
        public Options withEpochs(int e) {
            return new Options(nNeighbors, minDist, spread, e, negativeSampleRate, seed, threads);
        }

        /** @return these options with another thread count for the neighbour search */
        public Options withThreads(int t) {
            return new Options(nNeighbors, minDist, spread, epochs, negativeSampleRate, seed, t);
        }
    }

    private static final double GRADIENT_CLIP = 4.0;
    /** Keeps the repulsive gradient finite for points that (nearly) coincide. */
    private static final double REPULSION_EPSILON = 1e-3;
    /** Half-width of the initial layout. */
    private static final double INIT_SCALE = 10.0;
    private static final double INIT_NOISE = 1e-4;
    private static final int PCA_ITERATIONS = 30;

    private Umap() {
    }

    /**
     * Lays the vectors out in two dimensions.
     *
     * @param vectors one row per point, all of one dimension, finite, at least one row; a zero row has cosine
     *        distance 1 to every other row
     * @param options hyper-parameters
     * @param cancel polled during the neighbour search and once per epoch
     * @param progress receives the fraction done
     * @return one (x, y) row per input row, in input order
     * @throws InvalidInputException if there are no rows or a row is missing, of another dimension or not finite
     * @throws CancelledException if cancelled
     */
    public static float[][] layout(float[][] vectors, Options options, CancellationToken cancel,
        ProgressListener progress) {
        return layout(vectors, DistanceMetric.COSINE, Integer.MAX_VALUE, options, cancel, progress);
    }

    /**
     * Lays the vectors out in two dimensions, with neighbours under the given metric.
     *
     * @param vectors one row per point, all of one dimension, finite, at least one row
     * @param metric distance of the neighbour search
     * @param exactUpTo exact neighbour search up to this many points, HNSW above ({@link NeighborGraphs#nearest})
     * @param options hyper-parameters
     * @param cancel polled during the neighbour search and once per epoch
     * @param progress receives the fraction done
     * @return one (x, y) row per input row, in input order
     * @throws InvalidInputException if there are no rows or a row is missing, of another dimension or not finite
     * @throws CancelledException if cancelled
     */
    public static float[][] layout(float[][] vectors, DistanceMetric metric, int exactUpTo, Options options,
        CancellationToken cancel, ProgressListener progress) {
        if (vectors == null || vectors.length == 0) {
            throw new InvalidInputException("UMAP: there are no vectors to lay out.");
        }
        if (vectors.length == 1) {
            return new float[][] {{0f, 0f}};
        }
        Neighbor[][] knn = NeighborGraphs.nearest(vectors, options.nNeighbors(), metric, exactUpTo,
            options.threads(), cancel, (f, m) -> progress.progress(0.3 * f, "UMAP neighbours: " + m));
        return layout(vectors, NeighborGraphs.umapConnectivities(knn), options, cancel, progress);
    }

    /**
     * Lays the vectors out in two dimensions along a given neighbour graph (e.g. the one a clustering used), so the
     * picture shows the graph the clusters were found on.
     *
     * @param vectors one row per node of the graph, all of one dimension, finite; they give the initial layout
     * @param graph weighted neighbour graph over the rows
     * @param options hyper-parameters; the neighbour count and threads are not used
     * @param cancel polled once per epoch
     * @param progress receives the fraction done
     * @return one (x, y) row per input row, in input order
     * @throws InvalidInputException if the graph's size differs from the number of rows
     * @throws CancelledException if cancelled
     */
    public static float[][] layout(float[][] vectors, WeightedGraph graph, Options options, CancellationToken cancel,
        ProgressListener progress) {
        int n = vectors.length;
        if (graph.nodes() != n) {
            throw new InvalidInputException("UMAP: the neighbour graph has " + graph.nodes() + " nodes but there are "
                + n + " vectors; give the graph built on these rows.");
        }
        int epochs = options.epochs() > 0 ? options.epochs() : n <= 10_000 ? 500 : 200;
        SplittableRandom random = new SplittableRandom(options.seed());
        float[] y = initialLayout(vectors, vectors[0].length, random, cancel);
        progress.progress(0.35, "UMAP: initial layout");
        double[] ab = fitCurve(options.spread(), options.minDist());
        optimize(y, n, graph, epochs, ab[0], ab[1], options.negativeSampleRate(), random, cancel, progress);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new float[] {y[2 * i], y[2 * i + 1]};
        }
        progress.progress(1.0, "UMAP done");
        return out;
    }

    /**
     * Fits a and b of {@code 1 / (1 + a x^(2b))} by least squares (Levenberg-Marquardt) to the target curve that is 1
     * below minDist and {@code exp(-(x - minDist) / spread)} above, on 300 points of [0, 3·spread].
     *
     * @return {a, b}
     */
    static double[] fitCurve(double spread, double minDist) {
        int points = 300;
        double[] x = new double[points];
        double[] target = new double[points];
        for (int p = 0; p < points; p++) {
            x[p] = 3 * spread * p / (points - 1);
            target[p] = x[p] < minDist ? 1.0 : Math.exp(-(x[p] - minDist) / spread);
        }
        double a = 1;
        double b = 1;
        double lambda = 1e-3;
        double cost = curveCost(x, target, a, b);
        for (int iter = 0; iter < 500; iter++) {
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int p = 0; p < points; p++) {
                if (x[p] == 0) {
                    continue; // the model is exactly 1 there, with zero derivatives
                }
                double x2b = Math.pow(x[p], 2 * b);
                double f = 1 / (1 + a * x2b);
                double r = f - target[p];
                double da = -x2b * f * f;
                double db = -a * x2b * 2 * Math.log(x[p]) * f * f;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            double maa = jaa * (1 + lambda);
            double mbb = jbb * (1 + lambda);
            double det = maa * mbb - jab * jab;
            if (det == 0) {
                break;
            }
            double stepA = -(mbb * ga - jab * gb) / det;
            double stepB = -(maa * gb - jab * ga) / det;
            double na = a + stepA;
            double nb = b + stepB;
            double nc = na > 0 && nb > 0 ? curveCost(x, target, na, nb) : Double.POSITIVE_INFINITY;
            if (nc < cost) {
                boolean converged = cost - nc < 1e-14 * Math.max(1, cost);
                a = na;
                b = nb;
                cost = nc;
                lambda = Math.max(lambda / 10, 1e-12);
                if (converged) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        return new double[] {a, b};
    }

    private static double curveCost(double[] x, double[] target, double a, double b) {
        double s = 0;
        for (int p = 0; p < x.length; p++) {
            double f = x[p] == 0 ? 1 : 1 / (1 + a * Math.pow(x[p], 2 * b));
            s += (f - target[p]) * (f - target[p]);
        }
        return s;
    }

    /**
     * First two principal components of the L2-normalised, centred rows (block power iteration from a seeded start),
     * scaled so that the largest coordinate is {@value #INIT_SCALE}, plus a little seeded noise that separates
     * duplicates.
     */
    static float[] initialLayout(float[][] vectors, int dim, SplittableRandom random, CancellationToken cancel) {
        int n = vectors.length;
        // rows are used as x_i / |x_i| - mean without materialising that copy
        double[] inverseNorm = new double[n];
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (float v : vectors[i]) {
                norm += (double) v * v;
            }
            inverseNorm[i] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int c = 0; c < dim; c++) {
                mean[c] += vectors[i][c] * inverseNorm[i];
            }
        }
        for (int c = 0; c < dim; c++) {
            mean[c] /= n;
        }
        int comps = Math.min(2, dim);
        double[][] v = new double[comps][dim];
        for (double[] col : v) {
            for (int c = 0; c < dim; c++) {
                col[c] = gaussian(random);
            }
        }
        orthonormalize(v);
        double[][] proj = new double[comps][n];
        for (int iter = 0; iter < PCA_ITERATIONS; iter++) {
            cancel.check();
            project(vectors, inverseNorm, mean, v, proj);
            double[][] next = new double[comps][dim];
            for (int q = 0; q < comps; q++) {
                double[] col = next[q];
                double total = 0;
                for (int i = 0; i < n; i++) {
                    double s = proj[q][i] * inverseNorm[i];
                    total += proj[q][i];
                    float[] r = vectors[i];
                    for (int c = 0; c < dim; c++) {
                        col[c] += s * r[c];
                    }
                }
                for (int c = 0; c < dim; c++) {
                    col[c] -= total * mean[c];
                }
            }
            orthonormalize(next);
            v = next;
        }
        project(vectors, inverseNorm, mean, v, proj);
        double max = 0;
        for (double[] p : proj) {
            for (double value : p) {
                max = Math.max(max, Math.abs(value));
            }
        }
        double scale = max > 0 ? INIT_SCALE / max : 0;
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < 2; q++) {
                double base = q < comps ? proj[q][i] * scale : 0;
                y[2 * i + q] = (float) (base + INIT_NOISE * gaussian(random));
            }
        }
        return y;
    }

    private static void project(float[][] vectors, double[] inverseNorm, double[] mean, double[][] v,
        double[][] out) {
        for (int q = 0; q < v.length; q++) {
            double[] col = v[q];
            double offset = 0;
            for (int c = 0; c < col.length; c++) {
                offset += mean[c] * col[c];
            }
            for (int i = 0; i < vectors.length; i++) {
                double s = 0;
                float[] r = vectors[i];
                for (int c = 0; c < col.length; c++) {
                    s += r[c] * col[c];
                }
                out[q][i] = s * inverseNorm[i] - offset;
            }
        }
    }

    /** Gram-Schmidt; a column that vanishes (rank-deficient data) is left at zero. */
    private static void orthonormalize(double[][] v) {
        for (int q = 0; q < v.length; q++) {
            for (int p = 0; p < q; p++) {
                double dot = 0;
                for (int c = 0; c < v[q].length; c++) {
                    dot += v[q][c] * v[p][c];
                }
                for (int c = 0; c < v[q].length; c++) {
                    v[q][c] -= dot * v[p][c];
                }
            }
            double norm = 0;
            for (double x : v[q]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < v[q].length; c++) {
                v[q][c] = norm > 1e-300 ? v[q][c] / norm : 0;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u = 1.0 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    private static void optimize(float[] y, int n, WeightedGraph graph, int epochs, double a, double b, int negativeRate,
        SplittableRandom random, CancellationToken cancel, ProgressListener progress) {
        double maxWeight = 0;
        for (double w : graph.weights()) {
            maxWeight = Math.max(maxWeight, w);
        }
        // edges too weak to be sampled even once in all epochs are dropped
        double floor = maxWeight / epochs;
        int edges = 0;
        for (double w : graph.weights()) {
            if (w >= floor && w > 0) {
                edges++;
            }
        }
        int[] head = new int[edges];
        int[] tail = new int[edges];
        double[] perSample = new double[edges];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int t = graph.offsets()[i]; t < graph.offsets()[i + 1]; t++) {
                double w = graph.weights()[t];
                if (w >= floor && w > 0) {
                    head[e] = i;
                    tail[e] = graph.targets()[t];
                    perSample[e++] = maxWeight / w;
                }
            }
        }
        double[] nextSample = perSample.clone();
        double[] perNegative = new double[edges];
        for (int t = 0; t < edges; t++) {
            perNegative[t] = perSample[t] / negativeRate;
        }
        double[] nextNegative = perNegative.clone();
        for (int epoch = 0; epoch < epochs; epoch++) {
            cancel.check();
            double alpha = 1.0 - (double) epoch / epochs;
            for (int t = 0; t < edges; t++) {
                if (nextSample[t] > epoch) {
                    continue;
                }
                int i = head[t];
                int j = tail[t];
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double d2 = dx * dx + dy * dy;
                if (d2 > 0) {
                    double pb = Math.pow(d2, b);
                    double coeff = -2 * a * b * (pb / d2) / (a * pb + 1);
                    double gx = clip(coeff * dx) * alpha;
                    double gy = clip(coeff * dy) * alpha;
                    y[2 * i] += gx;
                    y[2 * i + 1] += gy;
                    y[2 * j] -= gx;
                    y[2 * j + 1] -= gy;
                }
                nextSample[t] += perSample[t];
                int negatives = (int) ((epoch - nextNegative[t]) / perNegative[t]);
                for (int s = 0; s < negatives; s++) {
                    int k = random.nextInt(n);
                    if (k == i) {
                        continue;
                    }
                    double nx = y[2 * i] - y[2 * k];
                    double ny = y[2 * i + 1] - y[2 * k + 1];
                    double n2 = nx * nx + ny * ny;
                    if (n2 > 0) {
                        double coeff = 2 * b / ((REPULSION_EPSILON + n2) * (a * Math.pow(n2, b) + 1));
                        y[2 * i] += clip(coeff * nx) * alpha;
                        y[2 * i + 1] += clip(coeff * ny) * alpha;
                    } else {
                        // coinciding points: push apart in a fixed direction
                        y[2 * i] += GRADIENT_CLIP * alpha;
                        y[2 * i + 1] += GRADIENT_CLIP * alpha;
                    }
                }
                nextNegative[t] += negatives * perNegative[t];
            }
            if (epoch % 10 == 9 || epoch == epochs - 1) {
                progress.progress(0.35 + 0.65 * (epoch + 1) / epochs,
                    "UMAP layout: epoch " + (epoch + 1) + " of " + epochs);
            }
        }
    }

    private static double clip(double v) {
        return v > GRADIENT_CLIP ? GRADIENT_CLIP : v < -GRADIENT_CLIP ? -GRADIENT_CLIP : v;
    }
}
