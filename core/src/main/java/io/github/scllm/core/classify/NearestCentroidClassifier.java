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
 * Cosine similarity to class prototypes: the mean of each class's L2-normalised reference vectors, normalised
 * again. Probabilities are the shares of the positive similarities (a score, not a calibrated probability); when no
 * similarity is positive the winner gets 1.
 */
final class NearestCentroidClassifier implements Classifier, Classifiers.Stored {
    private final Classifiers.LabelIndex labels;
    private final ClassifierOptions options;
    private final float[][] centroids;
    private final int dim;

    NearestCentroidClassifier(float[][] reference, Classifiers.LabelIndex labels, ClassifierOptions options) {
        float[] packed = Vectors.pack(reference, "reference", -1);
        this.dim = packed.length / reference.length;
        Vectors.normalizeRows(packed, dim);
        this.labels = labels;
        this.options = options;
        int nc = labels.classes().size();
        double[][] sums = new double[nc][dim];
        for (int i = 0; i < reference.length; i++) {
            double[] s = sums[labels.rowClass()[i]];
            for (int j = 0; j < dim; j++) {
                s[j] += packed[i * dim + j];
            }
        }
        float[] flat = new float[nc * dim];
        for (int c = 0; c < nc; c++) {
            for (int j = 0; j < dim; j++) {
                flat[c * dim + j] = (float) (sums[c][j] / labels.classSizes()[c]);
            }
        }
        Vectors.normalizeRows(flat, dim);
        centroids = new float[nc][];
        for (int c = 0; c < nc; c++) {
            centroids[c] = java.util.Arrays.copyOfRange(flat, c * dim, (c + 1) * dim);
        }
    }

    private NearestCentroidClassifier(Classifiers.LabelIndex labels, ClassifierOptions options, float[][] centroids) {
        this.labels = labels;
        this.options = options;
        this.centroids = centroids;
        this.dim = centroids[0].length;
    }

    @Override
    public ClassifierOptions options() {
        return options;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(dim);
        for (float[] c : centroids) {
            for (float x : c) {
                out.writeFloat(x);
            }
        }
    }

    static NearestCentroidClassifier readFrom(DataInput in, List<String> classes, ClassifierOptions options)
            throws IOException {
        int dim = in.readInt();
        if (dim < 1) {
            throw new InvalidInputException("The stored centroid classifier is damaged (" + dim + " dimensions); fit "
                    + "the model again.");
        }
        float[][] centroids = new float[classes.size()][dim];
        for (float[] c : centroids) {
            for (int j = 0; j < dim; j++) {
                c[j] = in.readFloat();
            }
        }
        return new NearestCentroidClassifier(Classifiers.LabelIndex.of(classes, new int[0]), options, centroids);
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
        Vectors.normalizeRows(q, dim);
        int nc = centroids.length;
        List<Prediction> out = new ArrayList<>(queries.length);
        for (int i = 0; i < queries.length; i++) {
            if ((i & 1023) == 0) {
                cancel.check();
                progress.progress((double) i / queries.length, "Classified " + i + " of " + queries.length);
            }
            double[] sim = new double[nc];
            for (int c = 0; c < nc; c++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += (double) q[i * dim + j] * centroids[c][j];
                }
                sim[c] = s;
            }
            int winner = Classifiers.argmax(sim);
            double[] p = new double[nc];
            double total = 0;
            for (int c = 0; c < nc; c++) {
                total += Math.max(0, sim[c]);
            }
            if (total > 0) {
                for (int c = 0; c < nc; c++) {
                    p[c] = Math.max(0, sim[c]) / total;
                }
            } else {
                p[winner] = 1;
            }
            out.add(Classifiers.decide(labels.classes(), p, winner, options.rejectThreshold()));
        }
        progress.progress(1, "Classified " + queries.length + " of " + queries.length);
        return out;
    }
}
