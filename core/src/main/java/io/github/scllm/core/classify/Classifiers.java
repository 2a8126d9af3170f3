package io.github.scllm.core.classify;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
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

    /** Sorted classes and the class index of each reference row. */
    record LabelIndex(List<String> classes, int[] rowClass, int[] classSizes) {

        static LabelIndex of(float[][] reference, String[] labels) {
            return of(reference == null ? 0 : reference.length, labels);
        }

        /** @param rows number of reference rows (vectors or cells) the labels belong to */
        static LabelIndex of(int rows, String[] labels) {
            if (labels == null) {
                throw new InvalidInputException("The reference has no labels: choose the label column of the "
                        + "reference table.");
            }
            if (rows == 0) {
                throw new InvalidInputException("The reference has no rows: give at least one labelled cell.");
            }
            if (rows != labels.length) {
                throw new InvalidInputException("The reference has " + rows + " rows but " + labels.length
                        + " labels: give one label per row.");
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
