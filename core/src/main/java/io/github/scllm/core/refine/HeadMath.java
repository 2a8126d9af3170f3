package io.github.scllm.core.refine;

/**
 * Forward and backward passes of the projection head's layers and of the supervised contrastive loss, in double
 * precision over row arrays (one array per batch row). Every reduction runs in a fixed order and every parallel task
 * writes its own rows or columns, so results do not depend on the thread count. A null {@link Workers} runs serially.
 */
final class HeadMath {
    /** BatchNorm1d's epsilon, as PyTorch. */
    static final double BN_EPS = 1e-5;
    /** BatchNorm1d's running-statistics momentum, as PyTorch. */
    static final double BN_MOMENTUM = 0.1;
    /** F.normalize's lower bound on the norm, as PyTorch. */
    static final double NORM_EPS = 1e-12;

    private HeadMath() {
    }

    private static void ranges(Workers w, int n, Workers.RangeBody body) {
        if (w == null) {
            body.run(0, n);
        } else {
            w.forRanges(n, body);
        }
    }

    /**
     * y[i] = x[i] W + bias, with W stored input-major (wT[k * out + j]); bias may be null. Rows go in groups of four
     * so each weight row is read once per group (the weights of a wide layer do not fit in cache).
     */
    static double[][] linearForward(double[][] x, double[] wT, double[] bias, int out, Workers w) {
        int b = x.length;
        int in = x[0].length;
        double[][] y = new double[b][out];
        int groups = (b + 3) / 4;
        ranges(w, groups, (from, to) -> {
            for (int gi = from; gi < to; gi++) {
                int i0 = gi * 4;
                int rows = Math.min(4, b - i0);
                for (int r = 0; r < rows; r++) {
                    if (bias != null) {
                        System.arraycopy(bias, 0, y[i0 + r], 0, out);
                    }
                }
                if (rows == 4) {
                    double[] y0 = y[i0];
                    double[] y1 = y[i0 + 1];
                    double[] y2 = y[i0 + 2];
                    double[] y3 = y[i0 + 3];
                    for (int k = 0; k < in; k++) {
                        double a0 = x[i0][k];
                        double a1 = x[i0 + 1][k];
                        double a2 = x[i0 + 2][k];
                        double a3 = x[i0 + 3][k];
                        int off = k * out;
                        for (int j = 0; j < out; j++) {
                            double wv = wT[off + j];
                            y0[j] += a0 * wv;
                            y1[j] += a1 * wv;
                            y2[j] += a2 * wv;
                            y3[j] += a3 * wv;
                        }
                    }
                } else {
                    for (int r = 0; r < rows; r++) {
                        double[] yi = y[i0 + r];
                        double[] xi = x[i0 + r];
                        for (int k = 0; k < in; k++) {
                            double a = xi[k];
                            int off = k * out;
                            for (int j = 0; j < out; j++) {
                                yi[j] += a * wT[off + j];
                            }
                        }
                    }
                }
            }
        });
        return y;
    }

    /**
     * Gradients of a linear layer: dW (input-major, added into gradWT), dBias (added, may be null) and, when wanted,
     * the gradient with respect to the input.
     */
    static double[][] linearBackward(double[][] x, double[] wT, double[][] dy, double[] gradWT, double[] gradBias,
            boolean inputGradient, Workers w) {
        int b = x.length;
        int in = x[0].length;
        int out = dy[0].length;
        // parallel over weight rows; batch rows in groups of four in a fixed order, so each gradient row is
        // read and written once per group
        ranges(w, in, (from, to) -> {
            int i = 0;
            for (; i + 3 < b; i += 4) {
                double[] d0 = dy[i];
                double[] d1 = dy[i + 1];
                double[] d2 = dy[i + 2];
                double[] d3 = dy[i + 3];
                for (int k = from; k < to; k++) {
                    double a0 = x[i][k];
                    double a1 = x[i + 1][k];
                    double a2 = x[i + 2][k];
                    double a3 = x[i + 3][k];
                    int off = k * out;
                    for (int j = 0; j < out; j++) {
                        gradWT[off + j] += a0 * d0[j] + a1 * d1[j] + a2 * d2[j] + a3 * d3[j];
                    }
                }
            }
            for (; i < b; i++) {
                double[] di = dy[i];
                for (int k = from; k < to; k++) {
                    double a = x[i][k];
                    int off = k * out;
                    for (int j = 0; j < out; j++) {
                        gradWT[off + j] += a * di[j];
                    }
                }
            }
        });
        if (gradBias != null) {
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < out; j++) {
                    gradBias[j] += dy[i][j];
                }
            }
        }
        if (!inputGradient) {
            return null;
        }
        double[][] dx = new double[b][in];
        ranges(w, b, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int k = 0; k < in; k++) {
                    double s = 0;
                    int off = k * out;
                    for (int j = 0; j < out; j++) {
                        s += wT[off + j] * dy[i][j];
                    }
                    dx[i][k] = s;
                }
            }
        });
        return dx;
    }

    /** What the BatchNorm backward pass needs from its training-mode forward pass. */
    record BatchNormCache(double[][] xhat, double[] invStd, double[] mean, double[] unbiasedVar) {
    }

    /**
     * BatchNorm1d in training mode: normalises with the batch mean and biased variance; returns the output and
     * fills the cache. The running statistics are not touched (see {@link #updateRunning}).
     */
    static double[][] batchNormTrain(double[][] h, double[] gamma, double[] beta, BatchNormCache[] cacheOut) {
        int b = h.length;
        int c = h[0].length;
        double[] mean = new double[c];
        double[] var = new double[c];
        for (double[] row : h) {
            for (int j = 0; j < c; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < c; j++) {
            mean[j] /= b;
        }
        for (double[] row : h) {
            for (int j = 0; j < c; j++) {
                double d = row[j] - mean[j];
                var[j] += d * d;
            }
        }
        double[] invStd = new double[c];
        double[] unbiased = new double[c];
        for (int j = 0; j < c; j++) {
            unbiased[j] = b > 1 ? var[j] / (b - 1) : var[j];
            invStd[j] = 1.0 / Math.sqrt(var[j] / b + BN_EPS);
        }
        double[][] xhat = new double[b][c];
        double[][] y = new double[b][c];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                xhat[i][j] = (h[i][j] - mean[j]) * invStd[j];
                y[i][j] = gamma[j] * xhat[i][j] + beta[j];
            }
        }
        cacheOut[0] = new BatchNormCache(xhat, invStd, mean, unbiased);
        return y;
    }

    /** PyTorch's running-statistics update: running = (1 - momentum) running + momentum batch (unbiased var). */
    static void updateRunning(BatchNormCache cache, double[] runningMean, double[] runningVar) {
        for (int j = 0; j < runningMean.length; j++) {
            runningMean[j] = (1 - BN_MOMENTUM) * runningMean[j] + BN_MOMENTUM * cache.mean()[j];
            runningVar[j] = (1 - BN_MOMENTUM) * runningVar[j] + BN_MOMENTUM * cache.unbiasedVar()[j];
        }
    }

    /** BatchNorm1d in evaluation mode (running statistics). */
    static double[][] batchNormEval(double[][] h, double[] gamma, double[] beta, double[] runningMean,
            double[] runningVar) {
        int c = gamma.length;
        double[][] y = new double[h.length][c];
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < c; j++) {
                y[i][j] = gamma[j] * (h[i][j] - runningMean[j]) / Math.sqrt(runningVar[j] + BN_EPS) + beta[j];
            }
        }
        return y;
    }

    /** BatchNorm backward (training mode); adds into gradGamma and gradBeta, returns the input gradient. */
    static double[][] batchNormBackward(double[][] dy, double[] gamma, BatchNormCache cache, double[] gradGamma,
            double[] gradBeta) {
        int b = dy.length;
        int c = gamma.length;
        double[] sumD = new double[c];
        double[] sumDx = new double[c];
        double[][] xhat = cache.xhat();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                gradGamma[j] += dy[i][j] * xhat[i][j];
                gradBeta[j] += dy[i][j];
                double dxh = dy[i][j] * gamma[j];
                sumD[j] += dxh;
                sumDx[j] += dxh * xhat[i][j];
            }
        }
        double[][] dh = new double[b][c];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                double dxh = dy[i][j] * gamma[j];
                dh[i][j] = cache.invStd()[j] / b * (b * dxh - sumD[j] - xhat[i][j] * sumDx[j]);
            }
        }
        return dh;
    }

    /** max(0, x) into a new array. */
    static double[][] relu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int j = 0; j < y[i].length; j++) {
                if (!(y[i][j] > 0)) {
                    y[i][j] = 0;
                }
            }
        }
        return y;
    }

    /** ReLU backward: the gradient passes where the input was positive (0 at 0, as PyTorch). */
    static double[][] reluBackward(double[][] x, double[][] dy) {
        double[][] dx = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            dx[i] = new double[x[i].length];
            for (int j = 0; j < dx[i].length; j++) {
                dx[i][j] = x[i][j] > 0 ? dy[i][j] : 0;
            }
        }
        return dx;
    }

    /** Row-wise x / max(||x||, 1e-12). */
    static double[][] l2Normalize(double[][] x) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double n = Math.max(norm(x[i]), NORM_EPS);
            z[i] = new double[x[i].length];
            for (int j = 0; j < z[i].length; j++) {
                z[i][j] = x[i][j] / n;
            }
        }
        return z;
    }

    /** Backward of {@link #l2Normalize}. */
    static double[][] l2NormalizeBackward(double[][] x, double[][] z, double[][] dz) {
        double[][] dx = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double n = norm(x[i]);
            dx[i] = new double[x[i].length];
            if (n <= NORM_EPS) {
                for (int j = 0; j < dx[i].length; j++) {
                    dx[i][j] = dz[i][j] / NORM_EPS;
                }
                continue;
            }
            double proj = 0;
            for (int j = 0; j < z[i].length; j++) {
                proj += z[i][j] * dz[i][j];
            }
            for (int j = 0; j < dx[i].length; j++) {
                dx[i][j] = (dz[i][j] - z[i][j] * proj) / n;
            }
        }
        return dx;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Loss value, number of anchors that had a positive, and the gradient with respect to the embeddings. */
    record SupConResult(double loss, int anchors, double[][] gradient) {
    }

    /**
     * Supervised contrastive loss (Khosla et al. 2020, one view): every row is an anchor; its positives are the other
     * rows of its class; anchors without a positive are skipped. loss = mean over anchors of -mean over positives of
     * log softmax over all other rows of z_i . z_j / temperature. With no anchor at all the loss is 0, the gradient
     * zero and {@code anchors} 0.
     */
    static SupConResult supCon(double[][] z, int[] labels, double temperature, boolean gradient, Workers w) {
        int b = z.length;
        int anchors = 0;
        int[] positives = new int[b];
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
        int d = b == 0 ? 0 : z[0].length;
        if (anchors == 0) {
            return new SupConResult(0, 0, gradient ? new double[b][d] : null);
        }
        double[][] g = gradient ? new double[b][b] : null;
        double[] perAnchor = new double[b];
        int a = anchors;
        ranges(w, b, (from, to) -> {
            double[] logits = new double[b];
            for (int i = from; i < to; i++) {
                if (positives[i] == 0) {
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < b; j++) {
                    if (j == i) {
                        continue;
                    }
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += z[i][k] * z[j][k];
                    }
                    logits[j] = s / temperature;
                    max = Math.max(max, logits[j]);
                }
                double sum = 0;
                for (int j = 0; j < b; j++) {
                    if (j != i) {
                        sum += Math.exp(logits[j] - max);
                    }
                }
                double lse = max + Math.log(sum);
                double acc = 0;
                for (int j = 0; j < b; j++) {
                    if (j != i && labels[j] == labels[i]) {
                        acc += logits[j] - lse;
                    }
                }
                perAnchor[i] = -acc / positives[i];
                if (g != null) {
                    for (int j = 0; j < b; j++) {
                        if (j == i) {
                            continue;
                        }
                        double soft = Math.exp(logits[j] - lse);
                        double pos = labels[j] == labels[i] ? 1.0 / positives[i] : 0.0;
                        g[i][j] = (soft - pos) / a;
                    }
                }
            }
        });
        double loss = 0;
        for (int i = 0; i < b; i++) {
            loss += perAnchor[i];
        }
        loss /= anchors;
        if (!gradient) {
            return new SupConResult(loss, anchors, null);
        }
        double[][] dz = new double[b][d];
        ranges(w, b, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < b; j++) {
                    double c = (g[i][j] + g[j][i]) / temperature;
                    if (c == 0) {
                        continue;
                    }
                    for (int k = 0; k < d; k++) {
                        dz[i][k] += c * z[j][k];
                    }
                }
            }
        });
        return new SupConResult(loss, anchors, dz);
    }
}
