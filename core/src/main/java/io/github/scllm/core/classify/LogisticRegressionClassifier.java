package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Multinomial logistic regression with an L2 penalty on the weights (not the intercepts), fitted by L-BFGS on inputs
 * standardised with the reference mean and population standard deviation (a constant feature keeps scale 1). The
 * objective is mean cross-entropy + ||W||^2 / (2 C n), whose minimiser equals scikit-learn's
 * {@code LogisticRegression(C, multinomial, lbfgs)} on the same standardised inputs. Gradients are summed over row
 * blocks in a fixed order, so the fit does not depend on the thread count.
 */
final class LogisticRegressionClassifier implements Classifier, Classifiers.Stored {
    private static final int ROW_BLOCK = 256;
    private static final int MEMORY = 10;
    private static final double GRADIENT_TOLERANCE = 1e-9;

    private final Classifiers.LabelIndex labels;
    private final ClassifierOptions options;
    private final int dim;
    private final double[] mean;
    private final double[] scale;
    /** K x (d + 1): weights then intercept per class. */
    private final double[] coef;
    private final int iterations;

    private LogisticRegressionClassifier(Classifiers.LabelIndex labels, ClassifierOptions options, int dim,
            double[] mean, double[] scale, double[] coef, int iterations) {
        this.labels = labels;
        this.options = options;
        this.dim = dim;
        this.mean = mean;
        this.scale = scale;
        this.coef = coef;
        this.iterations = iterations;
    }

    static LogisticRegressionClassifier fit(float[][] reference, Classifiers.LabelIndex labels,
            ClassifierOptions options, CancellationToken cancel, ProgressListener progress) {
        float[] x = Vectors.pack(reference, "reference", -1);
        int n = reference.length;
        int d = x.length / n;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                scale[j] += c * c;
            }
        }
        double[] z = new double[n * d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 0 ? sd : 1.0;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i * d + j] = (x[i * d + j] - mean[j]) / scale[j];
            }
        }
        int nc = labels.classes().size();
        Objective objective = new Objective(z, n, d, nc, labels.rowClass(), options.inverseRegularization(),
                options.threads());
        double[] w = new double[nc * (d + 1)];
        int iters = nc == 1 ? 0 : minimize(objective, w, options.maxIterations(), cancel, progress);
        return new LogisticRegressionClassifier(labels, options, d, mean, scale, w, iters);
    }

    @Override
    public ClassifierOptions options() {
        return options;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(dim);
        out.writeInt(iterations);
        for (int j = 0; j < dim; j++) {
            out.writeDouble(mean[j]);
            out.writeDouble(scale[j]);
        }
        for (double c : coef) {
            out.writeDouble(c);
        }
    }

    static LogisticRegressionClassifier readFrom(DataInput in, List<String> classes, ClassifierOptions options)
            throws IOException {
        int dim = in.readInt();
        int iterations = in.readInt();
        if (dim < 1) {
            throw new InvalidInputException("The stored logistic regression is damaged (" + dim + " dimensions); fit "
                    + "the model again.");
        }
        double[] mean = new double[dim];
        double[] scale = new double[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = in.readDouble();
            scale[j] = in.readDouble();
        }
        double[] coef = new double[classes.size() * (dim + 1)];
        for (int i = 0; i < coef.length; i++) {
            coef[i] = in.readDouble();
        }
        return new LogisticRegressionClassifier(Classifiers.LabelIndex.of(classes, new int[0]), options, dim, mean,
                scale, coef, iterations);
    }

    /** @return the number of L-BFGS iterations the fit took */
    int iterations() {
        return iterations;
    }

    private static int minimize(Objective f, double[] w, int maxIter, CancellationToken cancel,
            ProgressListener progress) {
        int p = w.length;
        double[] g = new double[p];
        double fx = f.evaluate(w, g);
        double[][] s = new double[MEMORY][];
        double[][] y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0;
        int head = 0;
        double[] dir = new double[p];
        double[] alpha = new double[MEMORY];
        double[] wNew = new double[p];
        double[] gNew = new double[p];
        int it = 0;
        while (it < maxIter && maxAbs(g) > GRADIENT_TOLERANCE) {
            cancel.check();
            // two-loop recursion: dir = -H g
            for (int i = 0; i < p; i++) {
                dir[i] = -g[i];
            }
            for (int m = 0; m < stored; m++) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                alpha[idx] = rho[idx] * dotD(s[idx], dir);
                axpy(-alpha[idx], y[idx], dir);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                double gamma = dotD(s[last], y[last]) / dotD(y[last], y[last]);
                for (int i = 0; i < p; i++) {
                    dir[i] *= gamma;
                }
            } else {
                double inv = 1.0 / Math.max(1e-12, Math.sqrt(dotD(g, g)));
                for (int i = 0; i < p; i++) {
                    dir[i] *= inv;
                }
            }
            for (int m = stored - 1; m >= 0; m--) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                double beta = rho[idx] * dotD(y[idx], dir);
                axpy(alpha[idx] - beta, s[idx], dir);
            }
            double slope = dotD(g, dir);
            if (slope >= 0) {
                // not a descent direction: restart from steepest descent
                stored = 0;
                for (int i = 0; i < p; i++) {
                    dir[i] = -g[i];
                }
                slope = dotD(g, dir);
            }
            double step = 1.0;
            double fNew = 0;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < p; i++) {
                    wNew[i] = w[i] + step * dir[i];
                }
                fNew = f.evaluate(wNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] sv = new double[p];
            double[] yv = new double[p];
            for (int i = 0; i < p; i++) {
                sv[i] = wNew[i] - w[i];
                yv[i] = gNew[i] - g[i];
            }
            double sy = dotD(sv, yv);
            if (sy > 1e-20) {
                s[head] = sv;
                y[head] = yv;
                rho[head] = 1.0 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(MEMORY, stored + 1);
            }
            double decrease = fx - fNew;
            System.arraycopy(wNew, 0, w, 0, p);
            System.arraycopy(gNew, 0, g, 0, p);
            fx = fNew;
            it++;
            progress.progress(Math.min(1.0, (double) it / maxIter), "Logistic regression iteration " + it);
            if (decrease <= 1e-16 * Math.max(1.0, Math.abs(fx)) && maxAbs(g) < 1e-7) {
                break;
            }
        }
        return it;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double dotD(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    /** Mean cross-entropy plus penalty, with its gradient. */
    private static final class Objective {
        private final double[] z;
        private final int n;
        private final int d;
        private final int nc;
        private final int[] y;
        private final double penalty;
        private final int threads;

        Objective(double[] z, int n, int d, int nc, int[] y, double c, int threads) {
            this.z = z;
            this.n = n;
            this.d = d;
            this.nc = nc;
            this.y = y;
            this.penalty = 1.0 / (c * n);
            this.threads = threads;
        }

        double evaluate(double[] w, double[] grad) {
            int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
            double[] losses = new double[blocks];
            double[][] grads = new double[blocks][];
            Runnable[] tasks = new Runnable[blocks];
            for (int b = 0; b < blocks; b++) {
                int bb = b;
                tasks[b] = () -> {
                    double[] gb = new double[w.length];
                    losses[bb] = block(w, gb, bb * ROW_BLOCK, Math.min(n, (bb + 1) * ROW_BLOCK));
                    grads[bb] = gb;
                };
            }
            ExactNeighborSearch.runAll(tasks, threads);
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            for (int b = 0; b < blocks; b++) {
                loss += losses[b];
                axpy(1.0, grads[b], grad);
            }
            loss /= n;
            for (int i = 0; i < grad.length; i++) {
                grad[i] /= n;
            }
            int stride = d + 1;
            for (int c = 0; c < nc; c++) {
                for (int j = 0; j < d; j++) {
                    double wj = w[c * stride + j];
                    loss += 0.5 * penalty * wj * wj;
                    grad[c * stride + j] += penalty * wj;
                }
            }
            return loss;
        }

        private double block(double[] w, double[] g, int from, int to) {
            int stride = d + 1;
            double[] logits = new double[nc];
            double loss = 0;
            for (int i = from; i < to; i++) {
                int off = i * d;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < nc; c++) {
                    double s = w[c * stride + d];
                    int wo = c * stride;
                    for (int j = 0; j < d; j++) {
                        s += w[wo + j] * z[off + j];
                    }
                    logits[c] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int c = 0; c < nc; c++) {
                    logits[c] = Math.exp(logits[c] - max);
                    sum += logits[c];
                }
                loss += Math.log(sum) + max - (Math.log(logits[y[i]]) + max);
                for (int c = 0; c < nc; c++) {
                    double r = logits[c] / sum - (c == y[i] ? 1.0 : 0.0);
                    int wo = c * stride;
                    for (int j = 0; j < d; j++) {
                        g[wo + j] += r * z[off + j];
                    }
                    g[wo + d] += r;
                }
            }
            return loss;
        }
    }

    @Override
    public List<String> classes() {
        return labels.classes();
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public List<Prediction> predict(float[][] queries, CancellationToken cancel, ProgressListener progress) {
        float[] q = Vectors.pack(queries, "query", dim);
        int nc = labels.classes().size();
        int stride = dim + 1;
        List<Prediction> out = new ArrayList<>(queries.length);
        double[] zq = new double[dim];
        for (int i = 0; i < queries.length; i++) {
            if ((i & 1023) == 0) {
                cancel.check();
                progress.progress((double) i / queries.length, "Classified " + i + " of " + queries.length);
            }
            for (int j = 0; j < dim; j++) {
                zq[j] = (q[i * dim + j] - mean[j]) / scale[j];
            }
            double[] p = new double[nc];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < nc; c++) {
                double s = coef[c * stride + dim];
                for (int j = 0; j < dim; j++) {
                    s += coef[c * stride + j] * zq[j];
                }
                p[c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < nc; c++) {
                p[c] = Math.exp(p[c] - max);
                sum += p[c];
            }
            for (int c = 0; c < nc; c++) {
                p[c] /= sum;
            }
            out.add(Classifiers.decide(labels.classes(), p, Classifiers.argmax(p), options.rejectThreshold()));
        }
        progress.progress(1, "Classified " + queries.length + " of " + queries.length);
        return out;
    }
}
