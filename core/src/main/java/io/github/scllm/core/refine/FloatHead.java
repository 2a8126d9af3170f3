package io.github.scllm.core.refine;

import io.github.scllm.core.FloatKernels;

/**
 * The projection head in single precision, the way training runs: parameters, the forward pass (training or
 * evaluation mode), the backward pass and the supervised contrastive loss, over batch rows held as one float array
 * per row. The same layers and formulas as {@link HeadMath} (whose double-precision passes are the reference the
 * tests hold this one to), computed like PyTorch's float32 CPU training.
 *
 * <p>The two dense products of a step (the first layer forward, and its weight gradient) take nearly all the time;
 * both are written as row updates "accumulator += sum of scalar x panel row" in {@link FloatKernels}, which the JIT
 * vectorises: the forward pass adds weight rows scaled by an input row's components (a few weight rows stay in the
 * L1 cache while every batch row of the thread passes by), the weight gradient adds upstream-gradient rows scaled by
 * the inputs, one tile of gradient rows at a time. Every output element is summed in a fixed order and written by one
 * task, so results do not depend on the thread count.
 */
final class FloatHead {
    /** Panel rows added per pass over the batch rows (their slice of the weights stays in L1). */
    private static final int PANEL_CHUNK = 8;
    /** Gradient rows updated per pass over the batch (the tile stays in L1/L2 while the batch streams by). */
    private static final int GRADIENT_TILE = 16;

    final int in;
    final int hidden;
    final int out;
    /** First layer, input-major: w1[k] holds the weights from input k to every hidden unit. */
    final float[][] w1;
    final float[] gamma;
    final float[] beta;
    /** Second layer, input-major: w2[j] holds the weights from hidden unit j to every output. */
    final float[][] w2;
    final float[] b2;
    final float[] runningMean;
    final float[] runningVar;

    private FloatHead(int in, int hidden, int out) {
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        this.w1 = new float[in][hidden];
        this.gamma = new float[hidden];
        this.beta = new float[hidden];
        this.w2 = new float[hidden][out];
        this.b2 = new float[out];
        this.runningMean = new float[hidden];
        this.runningVar = new float[hidden];
    }

    /** @return a head of zeros with the shape of {@code like} (for gradients and optimiser moments) */
    static FloatHead zerosLike(FloatHead like) {
        return new FloatHead(like.in, like.hidden, like.out);
    }

    /** @return the double-precision parameters rounded to float */
    static FloatHead of(HeadParameters p) {
        FloatHead f = new FloatHead(p.in, p.hidden, p.out);
        for (int k = 0; k < p.in; k++) {
            for (int j = 0; j < p.hidden; j++) {
                f.w1[k][j] = (float) p.values[p.w1() + k * p.hidden + j];
            }
        }
        for (int j = 0; j < p.hidden; j++) {
            f.gamma[j] = (float) p.values[p.gamma() + j];
            f.beta[j] = (float) p.values[p.beta() + j];
            f.runningMean[j] = (float) p.runningMean[j];
            f.runningVar[j] = (float) p.runningVar[j];
            for (int m = 0; m < p.out; m++) {
                f.w2[j][m] = (float) p.values[p.w2() + j * p.out + m];
            }
        }
        for (int m = 0; m < p.out; m++) {
            f.b2[m] = (float) p.values[p.b2() + m];
        }
        return f;
    }

    /** @return the same values as double-precision parameters (exactly) */
    HeadParameters toParameters() {
        HeadParameters p = new HeadParameters(in, hidden, out);
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < hidden; j++) {
                p.values[p.w1() + k * hidden + j] = w1[k][j];
            }
        }
        for (int j = 0; j < hidden; j++) {
            p.values[p.gamma() + j] = gamma[j];
            p.values[p.beta() + j] = beta[j];
            p.runningMean[j] = runningMean[j];
            p.runningVar[j] = runningVar[j];
            for (int m = 0; m < out; m++) {
                p.values[p.w2() + j * out + m] = w2[j][m];
            }
        }
        for (int m = 0; m < out; m++) {
            p.values[p.b2() + m] = b2[m];
        }
        return p;
    }

    FloatHead copy() {
        FloatHead c = zerosLike(this);
        float[][] from = arrays();
        float[][] to = c.arrays();
        for (int a = 0; a < from.length; a++) {
            System.arraycopy(from[a], 0, to[a], 0, from[a].length);
        }
        return c;
    }

    /** @return every learnable array (first-layer rows, scale, shift, second-layer rows, bias), in a fixed order */
    float[][] learnable() {
        float[][] all = new float[in + 2 + hidden + 1][];
        System.arraycopy(w1, 0, all, 0, in);
        all[in] = gamma;
        all[in + 1] = beta;
        System.arraycopy(w2, 0, all, in + 2, hidden);
        all[in + 2 + hidden] = b2;
        return all;
    }

    /** @return the learnable arrays followed by the running statistics */
    private float[][] arrays() {
        float[][] learnable = learnable();
        float[][] all = java.util.Arrays.copyOf(learnable, learnable.length + 2);
        all[learnable.length] = runningMean;
        all[learnable.length + 1] = runningVar;
        return all;
    }

    /** What the backward pass needs from a training-mode forward pass. */
    static final class Pass {
        float[][] x;
        float[][] xhat;
        float[] invStd;
        float[][] r;
        float[][] o;
        float[][] z;
    }

    /**
     * Forward pass; training mode normalises with the batch statistics and updates the running statistics (as
     * PyTorch's BatchNorm1d), evaluation mode uses the running statistics.
     *
     * @param x batch rows of {@link #in} values (not modified, kept by reference in the pass)
     */
    Pass forward(float[][] x, boolean training, Workers w) {
        int b = x.length;
        Pass p = new Pass();
        p.x = x;
        float[][] h = new float[b][hidden];
        multiply(x, w1, in, h, w);
        float[][] y;
        if (training) {
            y = batchNormTrain(h, p);
        } else {
            y = h;
            float[] scale = new float[hidden];
            float[] shift = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                scale[j] = (float) (gamma[j] / Math.sqrt((double) runningVar[j] + HeadMath.BN_EPS));
                shift[j] = beta[j] - runningMean[j] * scale[j];
            }
            for (float[] row : h) {
                for (int j = 0; j < hidden; j++) {
                    row[j] = row[j] * scale[j] + shift[j];
                }
            }
        }
        for (float[] row : y) {
            for (int j = 0; j < hidden; j++) {
                row[j] = Math.max(row[j], 0f);
            }
        }
        p.r = y;
        p.o = new float[b][];
        for (int i = 0; i < b; i++) {
            p.o[i] = b2.clone();
        }
        multiply(p.r, w2, hidden, p.o, w);
        p.z = new float[b][out];
        for (int i = 0; i < b; i++) {
            float n = (float) Math.max(norm(p.o[i]), HeadMath.NORM_EPS);
            for (int m = 0; m < out; m++) {
                p.z[i][m] = p.o[i][m] / n;
            }
        }
        return p;
    }

    /** BatchNorm in training mode: returns the output (in place of h), keeps x-hat and 1/std in the pass. */
    private float[][] batchNormTrain(float[][] h, Pass p) {
        int b = h.length;
        double[] mean = new double[hidden];
        double[] var = new double[hidden];
        for (float[] row : h) {
            for (int j = 0; j < hidden; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < hidden; j++) {
            mean[j] /= b;
        }
        for (float[] row : h) {
            for (int j = 0; j < hidden; j++) {
                double d = row[j] - mean[j];
                var[j] += d * d;
            }
        }
        p.invStd = new float[hidden];
        float[] meanF = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            p.invStd[j] = (float) (1.0 / Math.sqrt(var[j] / b + HeadMath.BN_EPS));
            meanF[j] = (float) mean[j];
            double unbiased = b > 1 ? var[j] / (b - 1) : var[j];
            runningMean[j] = (float) ((1 - HeadMath.BN_MOMENTUM) * runningMean[j] + HeadMath.BN_MOMENTUM * mean[j]);
            runningVar[j] = (float) ((1 - HeadMath.BN_MOMENTUM) * runningVar[j] + HeadMath.BN_MOMENTUM * unbiased);
        }
        p.xhat = new float[b][hidden];
        for (int i = 0; i < b; i++) {
            float[] hi = h[i];
            float[] xi = p.xhat[i];
            for (int j = 0; j < hidden; j++) {
                xi[j] = (hi[j] - meanF[j]) * p.invStd[j];
                hi[j] = gamma[j] * xi[j] + beta[j];
            }
        }
        return h;
    }

    /**
     * Backward pass from the gradient of the normalised embeddings; writes the parameter gradients into
     * {@code grad} (overwriting it).
     */
    void backward(Pass p, float[][] dz, FloatHead grad, Workers w) {
        int b = dz.length;
        float[][] dO = new float[b][out];
        for (int i = 0; i < b; i++) {
            float[] oi = p.o[i];
            float[] zi = p.z[i];
            float[] di = dz[i];
            double n = norm(oi);
            if (n <= HeadMath.NORM_EPS) {
                for (int m = 0; m < out; m++) {
                    dO[i][m] = (float) (di[m] / HeadMath.NORM_EPS);
                }
                continue;
            }
            float proj = 0;
            for (int m = 0; m < out; m++) {
                proj += zi[m] * di[m];
            }
            float inv = (float) (1.0 / n);
            for (int m = 0; m < out; m++) {
                dO[i][m] = (di[m] - zi[m] * proj) * inv;
            }
        }
        weightGradient(p.r, dO, grad.w2, w);
        java.util.Arrays.fill(grad.b2, 0f);
        for (float[] row : dO) {
            for (int m = 0; m < out; m++) {
                grad.b2[m] += row[m];
            }
        }
        float[][] dr = new float[b][hidden];
        multiply(dO, transpose(w2, out), out, dr, w);
        // ReLU passes the gradient where its output is positive; then BatchNorm (training mode)
        java.util.Arrays.fill(grad.gamma, 0f);
        java.util.Arrays.fill(grad.beta, 0f);
        for (int i = 0; i < b; i++) {
            float[] ri = p.r[i];
            float[] di = dr[i];
            float[] xi = p.xhat[i];
            for (int j = 0; j < hidden; j++) {
                di[j] = ri[j] > 0 ? di[j] : 0f;
                grad.gamma[j] += di[j] * xi[j];
                grad.beta[j] += di[j];
            }
        }
        float[] coefficient = new float[hidden];
        float[] meanTerm = new float[hidden];
        float[] xhatTerm = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            coefficient[j] = gamma[j] * p.invStd[j];
            meanTerm[j] = grad.beta[j] / b;
            xhatTerm[j] = grad.gamma[j] / b;
        }
        for (int i = 0; i < b; i++) {
            float[] di = dr[i];
            float[] xi = p.xhat[i];
            for (int j = 0; j < hidden; j++) {
                di[j] = coefficient[j] * (di[j] - meanTerm[j] - xi[j] * xhatTerm[j]);
            }
        }
        weightGradient(p.x, dr, grad.w1, w);
    }

    /** Loss value, number of anchors that had a positive, and the gradient with respect to the embeddings. */
    record Loss(double value, int anchors, float[][] gradient) {
    }

    /**
     * Supervised contrastive loss as {@link HeadMath#supCon}, in float: similarities and the gradient's weighted
     * sums of rows through the panel kernels, the log-sum-exp of each anchor in double. The rows must be unit vectors
     * (or zero), as the head's output is.
     */
    static Loss supCon(float[][] z, int[] labels, double temperature, boolean gradient, Workers w) {
        int b = z.length;
        int d = b == 0 ? 0 : z[0].length;
        int[] positives = new int[b];
        int anchors = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                if (j != i && labels[j] == labels[i]) {
                    positives[i]++;
                }
            }
            if (positives[i] > 0) {
                anchors++;
            }
        }
        if (anchors == 0) {
            return new Loss(0, 0, gradient ? new float[b][d] : null);
        }
        float[][] s = new float[b][b];
        multiply(z, transpose(z, d), d, s, w);
        double invT = 1.0 / temperature;
        double[] positiveSum = new double[b];
        ranges(w, b, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < b; j++) {
                    if (j != i && labels[j] == labels[i]) {
                        positiveSum[i] += s[i][j];
                    }
                }
            }
        });
        // the rows are unit vectors, so every similarity is at most 1 and exp((s - 1) / temperature) neither
        // overflows nor underflows; it is symmetric, so one exponential per pair (upper triangle) serves both rows
        float[][] e = new float[b][b];
        ranges(w, b, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = i + 1; j < b; j++) {
                    e[i][j] = (float) Math.exp((s[i][j] - 1.0) * invT);
                }
            }
        });
        double[] perAnchor = new double[b];
        int a = anchors;
        // each row of s becomes the row of the loss gradient with respect to the similarities (times temperature)
        ranges(w, b, (from, to) -> {
            float[] row = new float[b];
            for (int i = from; i < to; i++) {
                float[] si = s[i];
                if (positives[i] == 0) {
                    java.util.Arrays.fill(si, 0f);
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < b; j++) {
                    row[j] = j < i ? e[j][i] : j > i ? e[i][j] : 0f;
                    sum += row[j];
                }
                // log-sum-exp over the other rows of s / temperature, minus the mean positive logit
                perAnchor[i] = invT + Math.log(sum) - positiveSum[i] * invT / positives[i];
                if (!gradient) {
                    continue;
                }
                double positiveWeight = 1.0 / positives[i];
                for (int j = 0; j < b; j++) {
                    double pos = j != i && labels[j] == labels[i] ? positiveWeight : 0.0;
                    si[j] = (float) ((row[j] / sum - pos) / a);
                }
            }
        });
        double loss = 0;
        for (int i = 0; i < b; i++) {
            loss += perAnchor[i];
        }
        loss /= anchors;
        if (!gradient) {
            return new Loss(loss, anchors, null);
        }
        // d loss / d z_i = sum_j (g_ij + g_ji) / temperature * z_j
        float[][] c = new float[b][b];
        ranges(w, b, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < b; j++) {
                    c[i][j] = (float) ((s[i][j] + s[j][i]) * invT);
                }
            }
        });
        float[][] dz = new float[b][d];
        multiply(c, z, b, dz, w);
        return new Loss(loss, anchors, dz);
    }

    /**
     * acc[i] += sum over c &lt; k of a[i][c] panel[c], for every row i: rows split into one range per thread (each
     * range reads the whole panel once), the panel added {@link #PANEL_CHUNK} rows at a time so that slice stays in
     * the L1 cache while the range's rows pass by.
     */
    static void multiply(float[][] a, float[][] panel, int k, float[][] acc, Workers w) {
        int width = acc.length == 0 ? 0 : acc[0].length;
        threadRanges(w, a.length, (from, to) -> {
            for (int c0 = 0; c0 < k; c0 += PANEL_CHUNK) {
                int c1 = Math.min(k, c0 + PANEL_CHUNK);
                for (int i = from; i < to; i++) {
                    FloatKernels.addRows(acc[i], panel, width, a[i], 0, c0, c1);
                }
            }
        });
    }

    /**
     * grad[c] = sum over batch rows i of a[i][c] d[i] (overwriting grad): gradient rows split over the tasks, a tile
     * of {@link #GRADIENT_TILE} rows at a time, batch rows added four at a time in ascending order.
     */
    static void weightGradient(float[][] a, float[][] d, float[][] grad, Workers w) {
        int b = a.length;
        int width = grad.length == 0 ? 0 : grad[0].length;
        ranges(w, grad.length, (from, to) -> {
            for (int t0 = from; t0 < to; t0 += GRADIENT_TILE) {
                int t1 = Math.min(to, t0 + GRADIENT_TILE);
                for (int c = t0; c < t1; c++) {
                    java.util.Arrays.fill(grad[c], 0f);
                }
                int i = 0;
                for (; i + 3 < b; i += 4) {
                    float[] a0 = a[i];
                    float[] a1 = a[i + 1];
                    float[] a2 = a[i + 2];
                    float[] a3 = a[i + 3];
                    for (int c = t0; c < t1; c++) {
                        FloatKernels.addFour(grad[c], d[i], d[i + 1], d[i + 2], d[i + 3], width,
                                a0[c], a1[c], a2[c], a3[c]);
                    }
                }
                for (; i < b; i++) {
                    for (int c = t0; c < t1; c++) {
                        FloatKernels.addOne(grad[c], d[i], width, a[i][c]);
                    }
                }
            }
        });
    }

    /** @return m transposed: rows of length m.length, {@code cols} of them */
    static float[][] transpose(float[][] m, int cols) {
        float[][] t = new float[cols][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** Runs body over [0, n) split into ranges on w, or serially when w is null. */
    static void ranges(Workers w, int n, Workers.RangeBody body) {
        if (w == null) {
            body.run(0, n);
        } else {
            w.forRanges(n, body);
        }
    }

    private static void threadRanges(Workers w, int n, Workers.RangeBody body) {
        if (w == null) {
            body.run(0, n);
        } else {
            w.forThreadRanges(n, body);
        }
    }
}
