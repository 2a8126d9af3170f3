package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Fits the classifier chosen in {@link ClassifierOptions}. */
public final class Classifiers {
    private Classifiers() {
    }

    /**
     * Fits a classifier on labelled reference vectors.
     *
     * @param reference one finite vector per reference row, all of one dimension, at least one row
     * @param labels one non-empty label per reference row; {@link Classifier#UNKNOWN} is not a valid label
     * @param options classifier settings
     * @param cancel polled during fitting
     * @param progress receives the fraction done (logistic regression only)
     * @return the fitted classifier
     * @throws InvalidInputException if vectors or labels are missing, of unequal counts or dimensions, or k exceeds
     *         the number of reference rows
     * @throws CancelledException if cancelled
     */
    public static Classifier fit(float[][] reference, String[] labels, ClassifierOptions options,
            CancellationToken cancel, ProgressListener progress) {
        LabelIndex index = LabelIndex.of(reference, labels);
        return switch (options.kind()) {
            case KNN -> new KnnClassifier(reference, index, options);
            case NEAREST_CENTROID -> new NearestCentroidClassifier(reference, index, options);
            case LOGISTIC_REGRESSION -> LogisticRegressionClassifier.fit(reference, index, options, cancel, progress);
        };
    }

    /**
     * Writes a fitted classifier exactly: its settings, classes and fitted state (the normalised neighbour index,
     * the centroids or the coefficients), so {@link #read} gives one that predicts bit for bit alike.
     *
     * @param classifier a classifier made by {@link #fit} or {@link #read}
     * @param out the stream
     * @throws IOException if the stream fails
     */
    public static void write(Classifier classifier, DataOutput out) throws IOException {
        if (!(classifier instanceof Stored stored)) {
            throw new IllegalArgumentException("Not a classifier of this package: " + classifier);
        }
        ClassifierOptions o = stored.options();
        out.writeUTF(o.kind().name());
        out.writeInt(o.k());
        out.writeBoolean(o.capKAtSmallestClass());
        out.writeUTF(o.metric().name());
        out.writeUTF(o.weighting().name());
        out.writeUTF(o.tieBreak().name());
        out.writeDouble(o.rejectThreshold());
        out.writeDouble(o.inverseRegularization());
        out.writeInt(o.maxIterations());
        out.writeInt(classifier.classes().size());
        for (String c : classifier.classes()) {
            out.writeUTF(c);
        }
        stored.writeTo(out);
    }

    /** What {@link #write} needs of a fitted classifier besides its classes. */
    interface Stored {
        ClassifierOptions options();

        /** Writes the fitted state after the settings and classes. */
        void writeTo(DataOutput out) throws IOException;
    }

    /**
     * Reads a classifier written by {@link #write}.
     *
     * @param in the stream
     * @param threads worker threads of the read classifier, at least 1
     * @return the classifier
     * @throws IOException if the stream fails or ends early
     * @throws InvalidInputException if the stored values are inconsistent
     * @throws IllegalArgumentException if a stored name of a setting is unknown
     */
    public static Classifier read(DataInput in, int threads) throws IOException {
        ClassifierOptions o = new ClassifierOptions(ClassifierKind.valueOf(in.readUTF()), in.readInt(),
                in.readBoolean(), DistanceMetric.valueOf(in.readUTF()), VoteWeighting.valueOf(in.readUTF()),
                TieBreak.valueOf(in.readUTF()), in.readDouble(), in.readDouble(), in.readInt(), threads);
        int n = in.readInt();
        if (n < 1) {
            throw new InvalidInputException("The stored classifier is damaged (" + n + " classes); fit it again.");
        }
        List<String> classes = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            classes.add(in.readUTF());
        }
        return switch (o.kind()) {
            case KNN -> KnnClassifier.readFrom(in, List.copyOf(classes), o);
            case NEAREST_CENTROID -> NearestCentroidClassifier.readFrom(in, List.copyOf(classes), o);
            case LOGISTIC_REGRESSION -> LogisticRegressionClassifier.readFrom(in, List.copyOf(classes), o);
        };
    }

    static int[] readClassIndices(DataInput in, int classes) throws IOException {
        int n = in.readInt();
        if (n < 1) {
            throw new InvalidInputException("The stored classifier is damaged (" + n + " reference rows); fit it "
                    + "again.");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readInt();
            if (out[i] < 0 || out[i] >= classes) {
                throw new InvalidInputException("The stored classifier is damaged (class index " + out[i] + "); fit it "
                        + "again.");
            }
        }
        return out;
    }

    /** Sorted classes and the class index of each reference row. */
    record LabelIndex(List<String> classes, int[] rowClass, int[] classSizes) {

        /** @return the index of stored classes and row classes */
        static LabelIndex of(List<String> classes, int[] rowClass) {
            int[] sizes = new int[classes.size()];
            for (int c : rowClass) {
                sizes[c]++;
            }
            return new LabelIndex(classes, rowClass, sizes);
        }

        static LabelIndex of(float[][] reference, String[] labels) {
            if (labels == null) {
                throw new InvalidInputException("The reference has no labels: choose the label column of the "
                        + "reference table.");
            }
            if (reference == null || reference.length == 0) {
                throw new InvalidInputException("The reference has no rows: give at least one labelled vector.");
            }
            if (reference.length != labels.length) {
                throw new InvalidInputException("The reference has " + reference.length + " vectors but "
                        + labels.length + " labels: give one label per row.");
            }
            TreeMap<String, Integer> sorted = new TreeMap<>();
            for (int i = 0; i < labels.length; i++) {
                String l = labels[i];
                if (l == null || l.isBlank()) {
                    throw new InvalidInputException("The reference label of row " + (i + 1) + " is missing: filter "
                            + "unlabelled rows before fitting.");
                }
                if (l.equals(Classifier.UNKNOWN)) {
                    throw new InvalidInputException("The reference label of row " + (i + 1) + " is '"
                            + Classifier.UNKNOWN + "', which is reserved for rejected predictions: rename that class "
                            + "or filter those rows.");
                }
                sorted.put(l, 0);
            }
            List<String> classes = new ArrayList<>(sorted.keySet());
            for (int c = 0; c < classes.size(); c++) {
                sorted.put(classes.get(c), c);
            }
            int[] rowClass = new int[labels.length];
            int[] sizes = new int[classes.size()];
            for (int i = 0; i < labels.length; i++) {
                rowClass[i] = sorted.get(labels[i]);
                sizes[rowClass[i]]++;
            }
            return new LabelIndex(List.copyOf(classes), rowClass, sizes);
        }

        int smallestClass() {
            int m = Integer.MAX_VALUE;
            for (int s : classSizes) {
                m = Math.min(m, s);
            }
            return m;
        }
    }

    /** Picks the winning class of a probability vector: the highest value, ties to the lowest class index. */
    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    static Prediction decide(List<String> classes, double[] p, int winner, double rejectThreshold) {
        double conf = p[winner];
        String label = rejectThreshold > 0 && conf < rejectThreshold ? Classifier.UNKNOWN : classes.get(winner);
        return new Prediction(label, conf, p);
    }
}
