package io.github.scllm.core.refine;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.UnsupportedFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;

/**
 * The expression baseline: principal components of z-scored, clipped log-normalised expression.
 *
 * <p>Fitting: (1) highly variable genes, ranked by dispersion (variance / mean of expm1 values) normalised within
 * 20 equal-width bins of log mean expression, as scanpy's "seurat" flavour; (2) per-gene mean and population standard
 * deviation of the log values (a constant gene keeps scale 1); (3) z-scores clipped at +-clip; (4) centring on the
 * column means and a randomised truncated SVD (Gaussian test matrix from the seed, oversampling, power iterations
 * with re-orthonormalisation, exact eigen-decomposition of the small projected matrix). Inductive (default):
 * everything fitted on the training rows. Transductive: steps 1-4 use training and unlabelled rows together, then
 * the projection is centred on the training rows' mean.
 *
 * <p>The fitted genes' clipped z-scores of the fitting rows are held densely (rows x selected genes, float), the
 * source rows are read one at a time. Component signs are fixed so each component's largest absolute loading is
 * positive. Instances are immutable.
 */
public final class ExpressionPca {
    private static final int BINS = 20;
    private static final int MAGIC = 0x53435043; // "SCPC"
    private static final int FORMAT_VERSION = 1;

    private final int geneCount;
    private final int[] genes;
    private final float[] geneMean;
    private final float[] geneScale;
    private final float clip;
    private final double[] centre;
    /** components x selected genes, row-major. */
    private final double[] components;
    private final int k;
    private final double[] explainedVariance;
    private final double[] explainedVarianceRatio;

    private ExpressionPca(int geneCount, int[] genes, float[] geneMean, float[] geneScale, float clip,
            double[] centre, double[] components, int k, double[] explainedVariance,
            double[] explainedVarianceRatio) {
        this.geneCount = geneCount;
        this.genes = genes;
        this.geneMean = geneMean;
        this.geneScale = geneScale;
        this.clip = clip;
        this.centre = centre;
        this.components = components;
        this.k = k;
        this.explainedVariance = explainedVariance;
        this.explainedVarianceRatio = explainedVarianceRatio;
    }

    /**
     * Fits the PCA.
     *
     * @param training labelled training rows (log1p CP10k), at least 2
     * @param unlabelled further rows used only in transductive mode (may be null otherwise); same genes
     * @param options settings; at most min(fitting rows, selected genes) components
     * @param cancel polled between steps and row blocks
     * @param progress receives the fraction done
     * @return the fitted model
     * @throws InvalidInputException if there are fewer than 2 fitting rows, the gene counts differ, a value is not
     *         finite, transductive mode lacks unlabelled rows, or more components are asked than min(rows, genes)
     * @throws CancelledException if cancelled
     */
    public static ExpressionPca fit(ExpressionRows training, ExpressionRows unlabelled, PcaOptions options,
            CancellationToken cancel, ProgressListener progress) {
        if (training == null) {
            throw new InvalidInputException("Expression PCA: no training rows given.");
        }
        int g = training.geneCount();
        ExpressionRows[] sources = options.transductive() ? new ExpressionRows[] {training, unlabelled}
                : new ExpressionRows[] {training};
        if (options.transductive()) {
            if (unlabelled == null) {
                throw new InvalidInputException("Expression PCA: transductive mode needs the unlabelled (query) rows "
                        + "as well; give them or switch transductive mode off.");
            }
            if (unlabelled.geneCount() != g) {
                throw new InvalidInputException("Expression PCA: the training rows have " + g + " genes but the "
                        + "unlabelled rows have " + unlabelled.geneCount() + "; both must use one gene list.");
            }
        }
        int n = 0;
        for (ExpressionRows s : sources) {
            n += s.rowCount();
        }
        if (training.rowCount() < 2) {
            throw new InvalidInputException("Expression PCA: at least 2 training rows are needed, got "
                    + training.rowCount() + ".");
        }
        // pass 1: per-gene sums of log values and of expm1 values, for z-scores and dispersions
        double[] sumLog = new double[g];
        double[] sumSqLog = new double[g];
        double[] sumLin = new double[g];
        double[] sumSqLin = new double[g];
        float[] row = new float[g];
        for (ExpressionRows s : sources) {
            for (int i = 0; i < s.rowCount(); i++) {
                if ((i & 1023) == 0) {
                    cancel.check();
                }
                s.copyRow(i, row);
                for (int j = 0; j < g; j++) {
                    float x = row[j];
                    if (x == 0) {
                        continue;
                    }
                    if (!Float.isFinite(x)) {
                        throw new InvalidInputException("Expression PCA: row " + (i + 1) + ", gene column " + (j + 1)
                                + " holds " + x + "; expression values must be finite.");
                    }
                    sumLog[j] += x;
                    sumSqLog[j] += (double) x * x;
                    double lin = Math.expm1(x);
                    sumLin[j] += lin;
                    sumSqLin[j] += lin * lin;
                }
            }
        }
        progress.progress(0.1, "Gene statistics done");
        int[] selected = options.highlyVariableGenes() == 0 || options.highlyVariableGenes() >= g
                ? identity(g) : highlyVariable(sumLin, sumSqLin, n, options.highlyVariableGenes());
        int m = selected.length;
        int kMax = Math.min(n, m);
        if (options.components() > kMax) {
            throw new InvalidInputException("Expression PCA: " + options.components() + " components asked but only "
                    + kMax + " are possible with " + n + " rows and " + m + " genes; lower the component count.");
        }
        float[] mean = new float[m];
        float[] scale = new float[m];
        for (int a = 0; a < m; a++) {
            int j = selected[a];
            double mu = sumLog[j] / n;
            double var = Math.max(0, sumSqLog[j] / n - mu * mu);
            double sd = Math.sqrt(var);
            mean[a] = (float) mu;
            scale[a] = sd > 1e-12 ? (float) sd : 1f;
        }
        float clip = (float) options.clip();
        // pass 2: the dense clipped z-scores of the fitting rows (training first)
        float[] z = new float[n * m];
        int r = 0;
        for (ExpressionRows s : sources) {
            for (int i = 0; i < s.rowCount(); i++, r++) {
                s.copyRow(i, row);
                zscore(row, selected, mean, scale, clip, z, r * m);
            }
        }
        double[] colMean = new double[m];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                colMean[a] += z[i * m + a];
            }
        }
        double[] trainMean = new double[m];
        for (int i = 0; i < training.rowCount(); i++) {
            for (int a = 0; a < m; a++) {
                trainMean[a] += z[i * m + a];
            }
        }
        double totalSs = 0;
        for (int a = 0; a < m; a++) {
            colMean[a] /= n;
            trainMean[a] /= training.rowCount();
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                float c = (float) (z[i * m + a] - colMean[a]);
                z[i * m + a] = c;
                totalSs += (double) c * c;
            }
        }
        progress.progress(0.2, "Matrix prepared");
        int kc = options.components();
        int l = Math.min(kMax, kc + options.oversampling());
        double[][] basis;
        double[][] b;
        try (Workers workers = new Workers(options.threads())) {
            Random rnd = new Random(options.seed());
            double[][] omega = new double[l][m];
            for (int c = 0; c < l; c++) {
                for (int a = 0; a < m; a++) {
                    omega[c][a] = rnd.nextGaussian();
                }
            }
            basis = times(z, n, m, omega, workers);
            orthonormalize(basis);
            for (int it = 0; it < options.powerIterations(); it++) {
                cancel.check();
                double[][] back = transposeTimes(z, n, m, basis, workers);
                orthonormalize(back);
                basis = times(z, n, m, back, workers);
                orthonormalize(basis);
                progress.progress(0.2 + 0.6 * (it + 1) / Math.max(1, options.powerIterations()), "Power iteration "
                        + (it + 1));
            }
            cancel.check();
            b = transposeTimes(z, n, m, basis, workers);
        }
        double[][] gram = new double[l][l];
        for (int p = 0; p < l; p++) {
            for (int q = p; q < l; q++) {
                double s = 0;
                for (int a = 0; a < m; a++) {
                    s += b[p][a] * b[q][a];
                }
                gram[p][q] = s;
                gram[q][p] = s;
            }
        }
        double[] eig = new double[l];
        double[][] u = SymmetricEigen.decompose(gram, eig);
        double[] comps = new double[kc * m];
        double[] ev = new double[kc];
        double[] ratio = new double[kc];
        for (int c = 0; c < kc; c++) {
            double s2 = Math.max(0, eig[c]);
            double s = Math.sqrt(s2);
            int best = 0;
            for (int a = 0; a < m; a++) {
                double v = 0;
                for (int p = 0; p < l; p++) {
                    v += u[p][c] * b[p][a];
                }
                comps[c * m + a] = s > 0 ? v / s : 0;
                if (Math.abs(comps[c * m + a]) > Math.abs(comps[c * m + best])) {
                    best = a;
                }
            }
            if (comps[c * m + best] < 0) {
                for (int a = 0; a < m; a++) {
                    comps[c * m + a] = -comps[c * m + a];
                }
            }
            ev[c] = s2 / (n - 1);
            ratio[c] = totalSs > 0 ? s2 / totalSs : 0;
        }
        progress.progress(1, "PCA fitted");
        return new ExpressionPca(g, selected, mean, scale, clip, trainMean, comps, kc, ev, ratio);
    }

    private static int[] identity(int g) {
        int[] all = new int[g];
        for (int j = 0; j < g; j++) {
            all[j] = j;
        }
        return all;
    }

    /** Normalised dispersion ranking; genes without variance rank last; ties by gene index. Sorted result. */
    private static int[] highlyVariable(double[] sum, double[] sumSq, int n, int top) {
        int g = sum.length;
        double[] logMean = new double[g];
        double[] logDisp = new double[g];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < g; j++) {
            double mu = sum[j] / n;
            double var = n > 1 ? Math.max(0, (sumSq[j] - n * mu * mu) / (n - 1)) : 0;
            double disp = var / (mu == 0 ? 1e-12 : mu);
            logDisp[j] = disp > 0 ? Math.log(disp) : Double.NaN;
            logMean[j] = Math.log1p(mu);
            lo = Math.min(lo, logMean[j]);
            hi = Math.max(hi, logMean[j]);
        }
        int[] bin = new int[g];
        double[] binSum = new double[BINS];
        double[] binSq = new double[BINS];
        int[] binCount = new int[BINS];
        for (int j = 0; j < g; j++) {
            bin[j] = hi > lo ? Math.min(BINS - 1, (int) ((logMean[j] - lo) / (hi - lo) * BINS)) : 0;
            if (!Double.isNaN(logDisp[j])) {
                binSum[bin[j]] += logDisp[j];
                binSq[bin[j]] += logDisp[j] * logDisp[j];
                binCount[bin[j]]++;
            }
        }
        double[] score = new double[g];
        for (int j = 0; j < g; j++) {
            int bj = bin[j];
            if (Double.isNaN(logDisp[j])) {
                score[j] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double bm = binSum[bj] / binCount[bj];
            if (binCount[bj] < 2) {
                // a gene alone in its bin has no spread to compare with: scanpy scores it 1
                score[j] = 1.0;
                continue;
            }
            double bsd = Math.sqrt(Math.max(0, (binSq[bj] - binCount[bj] * bm * bm) / (binCount[bj] - 1)));
            score[j] = bsd > 0 ? (logDisp[j] - bm) / bsd : 0;
        }
        Integer[] order = new Integer[g];
        for (int j = 0; j < g; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(score[y], score[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        int[] out = new int[top];
        for (int a = 0; a < top; a++) {
            out[a] = order[a];
        }
        Arrays.sort(out);
        return out;
    }

    private static void zscore(float[] row, int[] selected, float[] mean, float[] scale, float clip, float[] out,
            int off) {
        for (int a = 0; a < selected.length; a++) {
            float v = (row[selected[a]] - mean[a]) / scale[a];
            out[off + a] = Math.max(-clip, Math.min(clip, v));
        }
    }

    /** z (n x m) times the columns of x (each of length m): l columns of length n. Parallel over rows. */
    private static double[][] times(float[] z, int n, int m, double[][] x, Workers workers) {
        int l = x.length;
        double[][] out = new double[l][n];
        workers.forRanges(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                int off = i * m;
                for (int c = 0; c < l; c++) {
                    double[] xc = x[c];
                    double s = 0;
                    for (int a = 0; a < m; a++) {
                        s += z[off + a] * xc[a];
                    }
                    out[c][i] = s;
                }
            }
        });
        return out;
    }

    /** z^T (m x n) times the columns of q (each of length n): l columns of length m. Parallel over genes. */
    private static double[][] transposeTimes(float[] z, int n, int m, double[][] q, Workers workers) {
        int l = q.length;
        double[][] out = new double[l][m];
        workers.forRanges(m, (from, to) -> {
            for (int i = 0; i < n; i++) {
                int off = i * m;
                for (int c = 0; c < l; c++) {
                    double qi = q[c][i];
                    double[] oc = out[c];
                    for (int a = from; a < to; a++) {
                        oc[a] += z[off + a] * qi;
                    }
                }
            }
        });
        return out;
    }

    /** Modified Gram-Schmidt, twice for stability; a dependent column becomes zero. */
    private static void orthonormalize(double[][] cols) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < cols.length; c++) {
                double[] v = cols[c];
                for (int p = 0; p < c; p++) {
                    double[] w = cols[p];
                    double d = 0;
                    for (int i = 0; i < v.length; i++) {
                        d += v[i] * w[i];
                    }
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= d * w[i];
                    }
                }
                double norm = 0;
                for (double x : v) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < v.length; i++) {
                    v[i] = norm > 1e-300 ? v[i] / norm : 0;
                }
            }
        }
    }

    /**
     * Projects rows onto the components.
     *
     * @param rows log1p CP10k rows with the genes of the fitting rows (same count and order)
     * @return one vector of {@link #components()} values per row
     * @throws InvalidInputException if the gene count differs
     */
    public float[][] transform(ExpressionRows rows) {
        if (rows.geneCount() != geneCount) {
            throw new InvalidInputException("Expression PCA: the model was fitted on " + geneCount + " genes but the "
                    + "rows have " + rows.geneCount() + "; use the same gene list as for fitting.");
        }
        int m = genes.length;
        float[] row = new float[geneCount];
        float[] z = new float[m];
        float[][] out = new float[rows.rowCount()][k];
        for (int i = 0; i < out.length; i++) {
            rows.copyRow(i, row);
            zscore(row, genes, geneMean, geneScale, clip, z, 0);
            for (int c = 0; c < k; c++) {
                double s = 0;
                int off = c * m;
                for (int a = 0; a < m; a++) {
                    s += (z[a] - centre[a]) * components[off + a];
                }
                out[i][c] = (float) s;
            }
        }
        return out;
    }

    /** @return number of components */
    public int components() {
        return k;
    }

    /** @return number of genes the model expects in its input rows */
    public int geneCount() {
        return geneCount;
    }

    /** @return 0-based indices of the genes used, ascending */
    public int[] selectedGenes() {
        return genes.clone();
    }

    /** @return variance of the fitting rows along each component (divided by rows - 1) */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** @return share of the total variance of the (clipped, centred) fitting matrix per component */
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    /** @return component c's loadings over the selected genes */
    public double[] component(int c) {
        return Arrays.copyOfRange(components, c * genes.length, (c + 1) * genes.length);
    }

    /**
     * Writes the fitted model exactly (gene selection, statistics, centre, components, explained variance).
     *
     * @throws UncheckedIOException if the stream fails
     */
    public void writeTo(OutputStream stream) {
        try {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(geneCount);
            out.writeInt(genes.length);
            out.writeInt(k);
            out.writeFloat(clip);
            for (int a = 0; a < genes.length; a++) {
                out.writeInt(genes[a]);
                out.writeFloat(geneMean[a]);
                out.writeFloat(geneScale[a]);
                out.writeDouble(centre[a]);
            }
            for (double v : components) {
                out.writeDouble(v);
            }
            for (int c = 0; c < k; c++) {
                out.writeDouble(explainedVariance[c]);
                out.writeDouble(explainedVarianceRatio[c]);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the expression PCA model: " + e.getMessage(), e);
        }
    }

    /** @return the model as bytes (see {@link #writeTo}) */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(bytes);
        return bytes.toByteArray();
    }

    /**
     * Reads a model written by {@link #writeTo}.
     *
     * @throws UnsupportedFormatException if the stream is not an expression PCA model or of another format version
     * @throws InvalidInputException if the stream is truncated or inconsistent
     * @throws UncheckedIOException if the stream fails
     */
    public static ExpressionPca readFrom(InputStream stream) {
        try {
            DataInputStream in = new DataInputStream(stream);
            if (in.readInt() != MAGIC) {
                throw new UnsupportedFormatException("This is not an expression PCA model (wrong header); connect the "
                        + "output of the Expression PCA Learner.");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new UnsupportedFormatException("Expression PCA model format version " + version + " is not "
                        + "supported (this version reads " + FORMAT_VERSION + "); refit the model or update the "
                        + "extension.");
            }
            int geneCount = in.readInt();
            int m = in.readInt();
            int k = in.readInt();
            if (geneCount < 1 || m < 1 || m > geneCount || k < 1 || k > m) {
                throw new InvalidInputException("The expression PCA model is damaged (" + geneCount + " genes, " + m
                        + " selected, " + k + " components); fit it again.");
            }
            float clip = in.readFloat();
            int[] genes = new int[m];
            float[] mean = new float[m];
            float[] scale = new float[m];
            double[] centre = new double[m];
            for (int a = 0; a < m; a++) {
                genes[a] = in.readInt();
                mean[a] = in.readFloat();
                scale[a] = in.readFloat();
                centre[a] = in.readDouble();
                if (genes[a] < 0 || genes[a] >= geneCount) {
                    throw new InvalidInputException("The expression PCA model is damaged (gene index " + genes[a]
                            + "); fit it again.");
                }
            }
            double[] comps = new double[k * m];
            for (int i = 0; i < comps.length; i++) {
                comps[i] = in.readDouble();
            }
            double[] ev = new double[k];
            double[] ratio = new double[k];
            for (int c = 0; c < k; c++) {
                ev[c] = in.readDouble();
                ratio[c] = in.readDouble();
            }
            return new ExpressionPca(geneCount, genes, mean, scale, clip, centre, comps, k, ev, ratio);
        } catch (EOFException e) {
            throw new InvalidInputException("The expression PCA model is truncated; save it again from the learner.",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the expression PCA model: " + e.getMessage(), e);
        }
    }

    /** @return a model read from {@link #toBytes()} output */
    public static ExpressionPca fromBytes(byte[] bytes) {
        return readFrom(new ByteArrayInputStream(bytes));
    }
}
