package io.github.scllm.core.classify;

import io.github.scllm.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Agreement of predicted with true labels. The classes are the sorted union of true and predicted labels (without
 * {@link Classifier#UNKNOWN}); macro and weighted F1 average over them as scikit-learn does, Cohen's kappa is
 * computed over all scored cells (with {@link UnknownPolicy#COUNT_AS_WRONG}, "Unknown" is one more predicted
 * category).
 *
 * @param total cells given
 * @param rejected cells predicted {@link Classifier#UNKNOWN}
 * @param scored cells that entered the metrics
 * @param coverage (total - rejected) / total
 * @param accuracy share of scored cells predicted right
 * @param macroF1 unweighted mean of the per-class F1
 * @param weightedF1 mean of the per-class F1 weighted by support
 * @param kappa Cohen's kappa
 * @param perClass one score per class, in class order
 * @param classes the row order of the confusion matrix
 * @param predictedColumns the column order of the confusion matrix: the classes, then "Unknown" when counted
 * @param confusion counts, rows = true class, columns = predicted
 */
public record AnnotationMetrics(int total, int rejected, int scored, double coverage, double accuracy,
        double macroF1, double weightedF1, double kappa, List<ClassScore> perClass, List<String> classes,
        List<String> predictedColumns, int[][] confusion) {

    /**
     * Scores predictions against true labels.
     *
     * @param truth true label per cell, none null or blank, none "Unknown"
     * @param predicted predicted label per cell (may be "Unknown"), none null
     * @param policy what to do with "Unknown" predictions
     * @return the metrics
     * @throws InvalidInputException if the arrays are missing or of different length, a label is missing, a true
     *         label is "Unknown", or no cell is left to score
     */
    public static AnnotationMetrics score(String[] truth, String[] predicted, UnknownPolicy policy) {
        if (truth == null || predicted == null) {
            throw new InvalidInputException("Scoring needs both a true and a predicted label column.");
        }
        if (truth.length != predicted.length) {
            throw new InvalidInputException("Scoring: " + truth.length + " true labels but " + predicted.length
                    + " predictions; both columns must come from the same rows.");
        }
        TreeSet<String> classSet = new TreeSet<>();
        int rejected = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == null || truth[i].isBlank()) {
                throw new InvalidInputException("Scoring: the true label of row " + (i + 1) + " is missing; filter "
                        + "unlabelled rows first.");
            }
            if (truth[i].equals(Classifier.UNKNOWN)) {
                throw new InvalidInputException("Scoring: the true label of row " + (i + 1) + " is '"
                        + Classifier.UNKNOWN + "', which is reserved for rejected predictions.");
            }
            if (predicted[i] == null || predicted[i].isBlank()) {
                throw new InvalidInputException("Scoring: the predicted label of row " + (i + 1) + " is missing.");
            }
            boolean unknown = predicted[i].equals(Classifier.UNKNOWN);
            if (unknown) {
                rejected++;
            }
            if (!unknown || policy == UnknownPolicy.COUNT_AS_WRONG) {
                classSet.add(truth[i]);
            }
            if (!unknown) {
                classSet.add(predicted[i]);
            }
        }
        int total = truth.length;
        int scored = policy == UnknownPolicy.EXCLUDE ? total - rejected : total;
        if (scored == 0) {
            throw new InvalidInputException("Scoring: no cell left to score (" + total + " cells, " + rejected
                    + " predicted '" + Classifier.UNKNOWN + "'); lower the reject threshold or count rejections as "
                    + "wrong.");
        }
        List<String> classes = List.copyOf(classSet);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int nc = classes.size();
        boolean unknownColumn = policy == UnknownPolicy.COUNT_AS_WRONG && rejected > 0;
        int cols = unknownColumn ? nc + 1 : nc;
        int[][] cm = new int[nc][cols];
        for (int i = 0; i < total; i++) {
            boolean unknown = predicted[i].equals(Classifier.UNKNOWN);
            if (unknown && policy == UnknownPolicy.EXCLUDE) {
                continue;
            }
            cm[index.get(truth[i])][unknown ? nc : index.get(predicted[i])]++;
        }
        long correct = 0;
        int[] rowSum = new int[nc];
        int[] colSum = new int[cols];
        for (int r = 0; r < nc; r++) {
            correct += cm[r][r];
            for (int c = 0; c < cols; c++) {
                rowSum[r] += cm[r][c];
                colSum[c] += cm[r][c];
            }
        }
        List<ClassScore> per = new ArrayList<>(nc);
        double macro = 0;
        double weighted = 0;
        for (int c = 0; c < nc; c++) {
            int tp = cm[c][c];
            double precision = colSum[c] == 0 ? 0 : (double) tp / colSum[c];
            double recall = rowSum[c] == 0 ? 0 : (double) tp / rowSum[c];
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            per.add(new ClassScore(classes.get(c), precision, recall, f1, rowSum[c]));
            macro += f1;
            weighted += f1 * rowSum[c];
        }
        macro /= nc;
        weighted /= scored;
        double observed = (double) correct / scored;
        double expected = 0;
        for (int c = 0; c < nc; c++) {
            expected += (double) rowSum[c] * colSum[c];
        }
        expected /= (double) scored * scored;
        double kappa = expected == 1.0 ? (observed == 1.0 ? 1.0 : 0.0) : (observed - expected) / (1 - expected);
        List<String> columns = new ArrayList<>(classes);
        if (unknownColumn) {
            columns.add(Classifier.UNKNOWN);
        }
        return new AnnotationMetrics(total, rejected, scored, (double) (total - rejected) / total, observed, macro,
                weighted, kappa, List.copyOf(per), classes, List.copyOf(columns), cm);
    }

    /** Deep-copies the confusion matrix so the record stays immutable. */
    public AnnotationMetrics {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /** @return a copy of the confusion matrix */
    @Override
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }
}
