package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ExpressionRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Correlation to a labelled reference, the SingleR method in its classic marker mode (Aran et al. 2019), fitted on
 * log-normalised expression rather than on vectors:
 * <ol>
 * <li>markers: each class's per-gene median over its reference cells; for every ordered pair of classes (a, b), the
 * genes with the largest positive median difference a &minus; b, {@link CorrelationReferenceOptions#markersPerPair}
 * of them;</li>
 * <li>scores: the Spearman correlation of a query cell with every reference cell over the union of all markers; a
 * class's score is the chosen quantile (0.8) of the correlations to its cells (R's default quantile, type 7);</li>
 * <li>fine-tuning: the classes scoring within the threshold of the best are re-scored on the union of the markers
 * between them only, and the set shrinks round by round until one class is left or it stops shrinking (then the best
 * of the last round wins);</li>
 * <li>pruning (optional): a cell whose first-round score of its label exceeds its median score over all classes by
 * more than 3 median absolute deviations (scaled by 1.4826) less than the other cells of that label is labelled
 * {@link Classifier#UNKNOWN}.</li>
 * </ol>
 * The confidence is a logistic function of the assigned class's first-round score above the median score, fitted on
 * the reference (each of up to {@value #CALIBRATION_CELLS} reference cells classified against the others); the other
 * classes share the rest of the probability by their first-round scores. Cost per query cell: one correlation per
 * reference cell over the markers, plus the fine-tuning rounds over the candidate classes' cells. Instances are
 * immutable and thread-safe.
 */
public final class CorrelationReference implements Classifier {
    /** Reference cells (at most) whose leave-one-out scores choose the softmax temperature. */
    static final int CALIBRATION_CELLS = 300;
    /** Ridge of the confidence fit, a weak pull of intercept and slope towards 0. */
    private static final double RIDGE = 1e-3;
    /** Score scale of the share of the classes not assigned: the method's fine-tuning threshold. */
    private static final double OTHERS_SCALE = 0.05;
    private static final double PRUNE_MADS = 3;
    /** Scales the median absolute deviation to the standard deviation of a normal distribution, as R's mad(). */
    private static final double MAD_SCALE = 1.4826;
    private static final int BLOCK = 16;

    private final List<String> classes;
    private final int genes;
    /** Input gene index of each marker position (the union of all pairwise markers), ascending. */
    private final int[] markerGenes;
    /** markers[a][b]: marker positions up in class a against class b. */
    private final int[][][] markers;
    /** Reference cells of each class. */
    private final int[][] members;
    private final float[][] referenceValues;
    private final int[][] referenceOrder;
    private final float[][] referenceRanks;
    private final CorrelationReferenceOptions options;
    /** Intercept and slope of the confidence as a logistic function of the score above the median. */
    private final double[] confidenceCurve;

    private CorrelationReference(List<String> classes, int genes, int[] markerGenes, int[][][] markers,
            int[][] members, float[][] referenceValues, CorrelationReferenceOptions options) {
        this.classes = classes;
        this.genes = genes;
        this.markerGenes = markerGenes;
        this.markers = markers;
        this.members = members;
        this.referenceValues = referenceValues;
        this.options = options;
        int u = markerGenes.length;
        int[] all = identity(u);
        referenceOrder = new int[referenceValues.length][];
        referenceRanks = new float[referenceValues.length][];
        for (int i = 0; i < referenceValues.length; i++) {
            referenceOrder[i] = ascendingOrder(referenceValues[i]);
            referenceRanks[i] = new float[u];
            scaledRanks(referenceOrder[i], referenceValues[i], all, referenceRanks[i], u, new int[u]);
        }
        confidenceCurve = fitConfidence();
    }

    /**
     * Fits the confidence on the reference: up to {@value #CALIBRATION_CELLS} reference cells (evenly spaced, from
     * classes of two or more cells) are each classified against the other reference cells, and a logistic curve of
     * the assigned class's first-round score above the median score (the pruning statistic) is fitted to whether they
     * came out right (Platt scaling, Newton's method with a small ridge so that an all-right reference stays finite).
     *
     * @return the intercept and slope
     */
    private double[] fitConfidence() {
        int n = referenceValues.length;
        int nc = classes.size();
        int[] classOf = new int[n];
        for (int c = 0; c < nc; c++) {
            for (int i : members[c]) {
                classOf[i] = c;
            }
        }
        int step = Math.max(1, (n + CALIBRATION_CELLS - 1) / CALIBRATION_CELLS);
        List<double[]> cases = new ArrayList<>();
        Scratch s = new Scratch(markerGenes.length);
        for (int i = 0; i < n; i += step) {
            if (members[classOf[i]].length < 2) {
                continue;
            }
            double[] scores = new double[nc];
            int w = classify(referenceValues[i], i, scores, s);
            cases.add(new double[] {deltaFromMedian(scores, w), w == classOf[i] ? 1 : 0});
        }
        double a = 0;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double ga = -RIDGE * a;
            double gb = -RIDGE * b;
            double haa = RIDGE;
            double hab = 0;
            double hbb = RIDGE;
            for (double[] c : cases) {
                double p = 1 / (1 + Math.exp(-(a + b * c[0])));
                double w = p * (1 - p);
                ga += c[1] - p;
                gb += (c[1] - p) * c[0];
                haa += w;
                hab += w * c[0];
                hbb += w * c[0] * c[0];
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double deltaFromMedian(double[] scores, int assigned) {
        return scores[assigned] - median(scores.clone());
    }

    /**
     * Chooses the markers and keeps the reference cells on them.
     *
     * @param reference log-normalised expression of the reference cells, finite
     * @param labels one label per reference row; at least two classes; {@link Classifier#UNKNOWN} is reserved
     * @param options settings
     * @param cancel polled once per gene block and cell block
     * @param progress receives the fraction done
     * @return the fitted classifier
     * @throws InvalidInputException if rows or labels are missing, of unequal counts, fewer than two classes are
     *         given, a value is not finite, or no gene separates any two classes
     * @throws CancelledException if cancelled
     */
    public static CorrelationReference fit(ExpressionRows reference, String[] labels,
            CorrelationReferenceOptions options, CancellationToken cancel, ProgressListener progress) {
        if (reference == null) {
            throw new InvalidInputException("The reference expression is missing: give the reference cells.");
        }
        Classifiers.LabelIndex index = Classifiers.LabelIndex.of(reference.rowCount(), labels);
        int nc = index.classes().size();
        if (nc < 2) {
            throw new InvalidInputException("Correlation to a reference needs at least two reference classes; the "
                    + "reference holds only '" + index.classes().get(0) + "'.");
        }
        int n = reference.rowCount();
        int g = reference.geneCount();
        Sparse rows = Sparse.copy(reference, cancel);
        progress.progress(0.3, "Read " + n + " reference cells");
        double[][] medians = classMedians(rows, index, g, cancel);
        progress.progress(0.6, "Per-class medians of " + g + " genes");
        int perPair = options.markersPerPair(nc);
        int[][][] byGene = new int[nc][nc][];
        boolean[] chosen = new boolean[g];
        for (int a = 0; a < nc; a++) {
            cancel.check();
            for (int b = 0; b < nc; b++) {
                if (a != b) {
                    byGene[a][b] = topDifferences(medians[a], medians[b], perPair);
                    for (int gene : byGene[a][b]) {
                        chosen[gene] = true;
                    }
                }
            }
        }
        int[] union = java.util.stream.IntStream.range(0, g).filter(j -> chosen[j]).toArray();
        if (union.length < 2) {
            throw new InvalidInputException("No two genes differ in median expression between the reference "
                    + "classes " + index.classes() + ": check that the reference holds expression, not zeros.");
        }
        int[] position = new int[g];
        Arrays.fill(position, -1);
        for (int p = 0; p < union.length; p++) {
            position[union[p]] = p;
        }
        int[][][] markers = new int[nc][nc][];
        for (int a = 0; a < nc; a++) {
            for (int b = 0; b < nc; b++) {
                markers[a][b] = a == b ? new int[0] : Arrays.stream(byGene[a][b]).map(j -> position[j]).toArray();
            }
        }
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            values[i] = rows.onGenes(i, position, union.length);
        }
        int[][] members = new int[nc][];
        int[] fill = new int[nc];
        for (int c = 0; c < nc; c++) {
            members[c] = new int[index.classSizes()[c]];
        }
        for (int i = 0; i < n; i++) {
            int c = index.rowClass()[i];
            members[c][fill[c]++] = i;
        }
        CorrelationReference fitted = new CorrelationReference(index.classes(), g, union, markers, members, values,
                options);
        progress.progress(1, "Chose " + union.length + " marker genes");
        return fitted;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /** @return number of genes of the expression rows the classifier accepts */
    public int geneCount() {
        return genes;
    }

    /** @return the number of marker genes: the rows {@link #predict(float[][], CancellationToken,
     *         ProgressListener)} takes hold their values, in the order of {@link #markerGenes()} */
    @Override
    public int dimension() {
        return markerGenes.length;
    }

    /**
     * Labels query cells given as their values of the marker genes.
     *
     * @param queries one row per cell: the log-normalised values of {@link #markerGenes()}, in that order
     * @throws InvalidInputException if a row is missing, of another length or not finite
     */
    @Override
    public List<Prediction> predict(float[][] queries, CancellationToken cancel, ProgressListener progress) {
        Vectors.check(queries, "query", markerGenes.length);
        return label(queries, cancel, progress);
    }

    /** @return the indices (into the input genes) of the union of all pairwise markers, ascending */
    public int[] markerGenes() {
        return markerGenes.clone();
    }

    /**
     * Labels query cells.
     *
     * @param queries log-normalised expression over the same genes, in the same order, as the reference
     * @param cancel polled at least once per block of cells
     * @param progress receives the fraction done
     * @return one prediction per query cell, in order
     * @throws InvalidInputException if the queries have another gene count or a value is not finite
     * @throws CancelledException if cancelled
     */
    public List<Prediction> predict(ExpressionRows queries, CancellationToken cancel, ProgressListener progress) {
        if (queries == null || queries.geneCount() != genes) {
            throw new InvalidInputException("The query expression covers " + (queries == null ? 0
                    : queries.geneCount()) + " genes but the reference " + genes + ": give both the same gene list "
                    + "in the same order.");
        }
        int nq = queries.rowCount();
        float[][] q = new float[nq][];
        int[] position = new int[genes];
        Arrays.fill(position, -1);
        for (int p = 0; p < markerGenes.length; p++) {
            position[markerGenes[p]] = p;
        }
        float[] buf = new float[genes];
        for (int i = 0; i < nq; i++) {
            if ((i & 1023) == 0) {
                cancel.check();
            }
            queries.copyRow(i, buf);
            q[i] = new float[markerGenes.length];
            for (int p = 0; p < markerGenes.length; p++) {
                float x = buf[markerGenes[p]];
                if (!Float.isFinite(x)) {
                    throw new InvalidInputException("Query cell " + (i + 1) + " holds " + x + " for gene "
                            + (markerGenes[p] + 1) + ": expression must be finite.");
                }
                q[i][p] = x;
            }
        }
        return label(q, cancel, progress);
    }

    private List<Prediction> label(float[][] q, CancellationToken cancel, ProgressListener progress) {
        int nq = q.length;
        int[] winner = new int[nq];
        double[][] scores = new double[nq][];
        score(q, winner, scores, cancel, progress);
        boolean[] pruned = options.prune() ? prune(winner, scores) : new boolean[nq];
        List<Prediction> out = new ArrayList<>(nq);
        for (int i = 0; i < nq; i++) {
            double[] p = probabilities(scores[i], winner[i]);
            out.add(new Prediction(pruned[i] ? Classifier.UNKNOWN : classes.get(winner[i]), p[winner[i]], p));
        }
        return out;
    }

    /** Scores every query cell in blocks on a bounded pool; the calling thread reports progress and cancels. */
    private void score(float[][] q, int[] winner, double[][] scores, CancellationToken cancel,
            ProgressListener progress) {
        int nq = q.length;
        int blocks = (nq + BLOCK - 1) / BLOCK;
        int threads = Math.max(1, Math.min(options.threads(), blocks));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "scllm-correlation-reference");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                int from = b * BLOCK;
                int to = Math.min(nq, from + BLOCK);
                futures.add(pool.submit(() -> {
                    Scratch s = new Scratch(markerGenes.length);
                    for (int i = from; i < to && !stop.get(); i++) {
                        scores[i] = new double[classes.size()];
                        winner[i] = classify(q[i], scores[i], s);
                    }
                }));
            }
            for (int b = 0; b < blocks; b++) {
                try {
                    cancel.check();
                    futures.get(b).get();
                } catch (CancelledException e) {
                    stop.set(true);
                    throw e;
                } catch (InterruptedException e) {
                    stop.set(true);
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                } catch (ExecutionException e) {
                    stop.set(true);
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
                int done = Math.min(nq, (b + 1) * BLOCK);
                progress.progress((double) done / nq, "Classified " + done + " of " + nq + " cells");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Working arrays of one thread. */
    private static final class Scratch {
        final float[] queryRanks;
        final float[] referenceRanks;
        final int[] slot;
        final int[] kept;

        Scratch(int markers) {
            queryRanks = new float[markers];
            referenceRanks = new float[markers];
            slot = new int[markers];
            kept = new int[markers];
        }
    }

    /**
     * Scores one query cell on all markers, then fine-tunes.
     *
     * @param scores receives the first-round score of each class
     * @return the index of the assigned class
     */
    private int classify(float[] query, double[] scores, Scratch s) {
        return classify(query, -1, scores, s);
    }

    /**
     * @param exclude a reference cell left out of every class (the query itself when calibrating), or -1
     */
    private int classify(float[] query, int exclude, double[] scores, Scratch s) {
        int u = markerGenes.length;
        int[] order = ascendingOrder(query);
        scaledRanks(order, query, identity(u), s.queryRanks, u, s.kept);
        int nc = classes.size();
        for (int c = 0; c < nc; c++) {
            scores[c] = classScore(c, exclude, r -> dot(s.queryRanks, referenceRanks[r], u));
        }
        int best = Classifiers.argmax(scores);
        if (!options.fineTune()) {
            return best;
        }
        int[] candidates = within(scores, identity(nc), options.tuneThreshold());
        double[] current = scores.clone();
        while (candidates.length > 1) {
            int m = markerSlots(candidates, s);
            if (m < 2) {
                break;
            }
            scaledRanks(order, query, s.slot, s.queryRanks, m, s.kept);
            for (int c : candidates) {
                current[c] = classScore(c, exclude, r -> {
                    scaledRanks(referenceOrder[r], referenceValues[r], s.slot, s.referenceRanks, m, s.kept);
                    return dot(s.queryRanks, s.referenceRanks, m);
                });
            }
            int[] next = within(current, candidates, options.tuneThreshold());
            if (next.length == candidates.length) {
                break;
            }
            candidates = next;
        }
        int win = candidates[0];
        for (int c : candidates) {
            if (current[c] > current[win]) {
                win = c;
            }
        }
        return win;
    }

    /** The quantile of the correlations of the query to the reference cells of class c (but {@code exclude}). */
    private double classScore(int c, int exclude, java.util.function.IntToDoubleFunction correlationTo) {
        int[] cells = members[c];
        double[] corr = new double[cells.length];
        int k = 0;
        for (int r : cells) {
            if (r != exclude) {
                corr[k++] = correlationTo.applyAsDouble(r);
            }
        }
        return quantile(k == corr.length ? corr : Arrays.copyOf(corr, k), options.quantile());
    }

    /**
     * Marks in {@code s.slot} the union of the markers between the candidate classes: its position in that subset,
     * or -1.
     *
     * @return the size of the subset
     */
    private int markerSlots(int[] candidates, Scratch s) {
        int u = markerGenes.length;
        Arrays.fill(s.slot, 0, u, -1);
        for (int a : candidates) {
            for (int b : candidates) {
                for (int p : markers[a][b]) {
                    s.slot[p] = 0;
                }
            }
        }
        int m = 0;
        for (int p = 0; p < u; p++) {
            if (s.slot[p] == 0) {
                s.slot[p] = m++;
            }
        }
        return m;
    }

    /** @return the classes among {@code from} whose score is at least the best of them minus {@code threshold} */
    private static int[] within(double[] scores, int[] from, double threshold) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c : from) {
            max = Math.max(max, scores[c]);
        }
        double floor = max - threshold;
        return Arrays.stream(from).filter(c -> scores[c] >= floor).toArray();
    }

    /**
     * Pruning: per assigned class, the cells whose first-round score of it minus their median score lies more than
     * {@value #PRUNE_MADS} scaled median absolute deviations below the median of that difference over the class.
     */
    private boolean[] prune(int[] winner, double[][] scores) {
        int n = winner.length;
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            delta[i] = deltaFromMedian(scores[i], winner[i]);
        }
        boolean[] out = new boolean[n];
        for (int c = 0; c < classes.size(); c++) {
            int cls = c;
            int[] cells = java.util.stream.IntStream.range(0, n).filter(i -> winner[i] == cls).toArray();
            if (cells.length == 0) {
                continue;
            }
            double[] d = Arrays.stream(cells).mapToDouble(i -> delta[i]).toArray();
            double med = median(d.clone());
            double[] dev = Arrays.stream(d).map(x -> Math.abs(x - med)).toArray();
            double floor = med - PRUNE_MADS * MAD_SCALE * median(dev);
            for (int i : cells) {
                out[i] = delta[i] < floor;
            }
        }
        return out;
    }

    /**
     * The assigned class gets the fitted confidence; the rest is shared by the other classes in proportion to a
     * softmax of their first-round scores at the fine-tuning threshold's scale.
     */
    private double[] probabilities(double[] scores, int assigned) {
        double confidence = 1 / (1 + Math.exp(-(confidenceCurve[0] + confidenceCurve[1]
                * deltaFromMedian(scores, assigned))));
        double[] p = new double[scores.length];
        if (p.length == 1) {
            p[0] = 1;
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            max = c == assigned ? max : Math.max(max, scores[c]);
        }
        double total = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = c == assigned ? 0 : Math.exp((scores[c] - max) / OTHERS_SCALE);
            total += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] = c == assigned ? confidence : (1 - confidence) * p[c] / total;
        }
        return p;
    }

    /** The median of the values (reorders the array), averaging the two middle values of an even count. */
    static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** R's default quantile (type 7): linear interpolation between order statistics at (n - 1) q. */
    static double quantile(double[] v, double q) {
        Arrays.sort(v);
        double h = (v.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    private static double dot(float[] a, float[] b, int m) {
        double s = 0;
        for (int j = 0; j < m; j++) {
            s += (double) a[j] * b[j];
        }
        return s;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** @return the positions of the values sorted ascending by value, ties by position */
    static int[] ascendingOrder(float[] values) {
        long[] keys = new long[values.length];
        for (int p = 0; p < values.length; p++) {
            int bits = Float.floatToIntBits(values[p] + 0.0f);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[p] = ((long) sortable << 32) | p;
        }
        Arrays.sort(keys);
        int[] order = new int[values.length];
        for (int k = 0; k < keys.length; k++) {
            order[k] = (int) keys[k];
        }
        return order;
    }

    /**
     * Writes the ranks of the values over the positions with a slot (ties get their mean rank), centred and scaled to
     * unit length, so that the dot product of two such vectors is their Spearman correlation. A constant vector
     * becomes zero (correlation 0 with everything).
     *
     * @param order positions sorted ascending by value
     * @param slot for each position its index in the output, or -1 to leave it out
     * @param out receives {@code m} values
     * @param m number of positions with a slot
     * @param kept scratch of at least {@code m} entries
     */
    static void scaledRanks(int[] order, float[] values, int[] slot, float[] out, int m, int[] kept) {
        int k = 0;
        for (int p : order) {
            if (slot[p] >= 0) {
                kept[k++] = p;
            }
        }
        double mean = (m + 1) / 2.0;
        double sumSquares = 0;
        int start = 0;
        while (start < m) {
            int end = start + 1;
            while (end < m && values[kept[end]] == values[kept[start]]) {
                end++;
            }
            double centred = (start + end + 1) / 2.0 - mean;
            for (int j = start; j < end; j++) {
                out[slot[kept[j]]] = (float) centred;
            }
            sumSquares += centred * centred * (end - start);
            start = end;
        }
        float scale = sumSquares > 0 ? (float) (1 / Math.sqrt(sumSquares)) : 0f;
        for (int j = 0; j < m; j++) {
            out[j] *= scale;
        }
    }

    /** The non-zero values of each reference cell. */
    private record Sparse(int[][] genes, float[][] values) {

        static Sparse copy(ExpressionRows rows, CancellationToken cancel) {
            int g = rows.geneCount();
            float[] buf = new float[g];
            int[][] genes = new int[rows.rowCount()][];
            float[][] values = new float[rows.rowCount()][];
            for (int i = 0; i < genes.length; i++) {
                if ((i & 1023) == 0) {
                    cancel.check();
                }
                rows.copyRow(i, buf);
                int k = 0;
                for (int j = 0; j < g; j++) {
                    if (!Float.isFinite(buf[j])) {
                        throw new InvalidInputException("Reference cell " + (i + 1) + " holds " + buf[j]
                                + " for gene " + (j + 1) + ": expression must be finite.");
                    }
                    k += buf[j] != 0 ? 1 : 0;
                }
                genes[i] = new int[k];
                values[i] = new float[k];
                k = 0;
                for (int j = 0; j < g; j++) {
                    if (buf[j] != 0) {
                        genes[i][k] = j;
                        values[i][k++] = buf[j];
                    }
                }
            }
            return new Sparse(genes, values);
        }

        float[] onGenes(int cell, int[] position, int u) {
            float[] out = new float[u];
            for (int t = 0; t < genes[cell].length; t++) {
                int p = position[genes[cell][t]];
                if (p >= 0) {
                    out[p] = values[cell][t];
                }
            }
            return out;
        }
    }

    /** Each class's median of each gene over its cells, zeros included. */
    private static double[][] classMedians(Sparse rows, Classifiers.LabelIndex index, int g,
            CancellationToken cancel) {
        int nc = index.classes().size();
        // gene-major copy of the non-zero values with the class of their cell
        int[] perGene = new int[g + 1];
        for (int[] r : rows.genes()) {
            for (int j : r) {
                perGene[j + 1]++;
            }
        }
        for (int j = 0; j < g; j++) {
            perGene[j + 1] += perGene[j];
        }
        int[] fill = Arrays.copyOf(perGene, g);
        float[] value = new float[perGene[g]];
        int[] cls = new int[perGene[g]];
        for (int i = 0; i < rows.genes().length; i++) {
            int[] r = rows.genes()[i];
            for (int t = 0; t < r.length; t++) {
                int j = r[t];
                value[fill[j]] = rows.values()[i][t];
                cls[fill[j]++] = index.rowClass()[i];
            }
        }
        double[][] medians = new double[nc][g];
        int[] count = new int[nc];
        double[][] byClass = new double[nc][];
        for (int c = 0; c < nc; c++) {
            byClass[c] = new double[index.classSizes()[c]];
        }
        for (int j = 0; j < g; j++) {
            if ((j & 255) == 0) {
                cancel.check();
            }
            Arrays.fill(count, 0);
            for (int t = perGene[j]; t < perGene[j + 1]; t++) {
                byClass[cls[t]][count[cls[t]]++] = value[t];
            }
            for (int c = 0; c < nc; c++) {
                medians[c][j] = medianWithZeros(byClass[c], count[c], index.classSizes()[c]);
            }
        }
        return medians;
    }

    /** The median of {@code size} values of which the first {@code k} of {@code nonZero} are the non-zero ones. */
    private static double medianWithZeros(double[] nonZero, int k, int size) {
        Arrays.sort(nonZero, 0, k);
        int negatives = 0;
        while (negatives < k && nonZero[negatives] < 0) {
            negatives++;
        }
        return size % 2 == 1 ? orderStatistic(nonZero, negatives, size - k, size / 2)
                : (orderStatistic(nonZero, negatives, size - k, size / 2 - 1)
                        + orderStatistic(nonZero, negatives, size - k, size / 2)) / 2;
    }

    /** The i-th smallest of sorted non-zero values with {@code zeros} zeros inserted after the negative ones. */
    private static double orderStatistic(double[] sortedNonZero, int negatives, int zeros, int i) {
        return i < negatives ? sortedNonZero[i] : i < negatives + zeros ? 0 : sortedNonZero[i - zeros];
    }

    /** @return the genes where {@code a - b} is positive, largest difference first (ties by gene), at most n */
    private static int[] topDifferences(double[] a, double[] b, int n) {
        List<Integer> up = new ArrayList<>();
        for (int j = 0; j < a.length; j++) {
            if (a[j] - b[j] > 0) {
                up.add(j);
            }
        }
        up.sort((x, y) -> {
            int c = Double.compare(a[y] - b[y], a[x] - b[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        return up.subList(0, Math.min(n, up.size())).stream().mapToInt(Integer::intValue).toArray();
    }
}
