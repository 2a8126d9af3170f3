package io.github.scllm.core.evaluate;

import io.github.scllm.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded, stratified train/test splits of labelled cells. Classes are visited in sorted order and each class's cells
 * (ascending index) are shuffled with one {@link Random} of the seed, so the same labels and seed give the same split.
 * Cells without a label and classes with fewer than two cells never enter a split: they are reported by {@link #plan}.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * One split of the eligible cells.
     *
     * @param train 0-based cell indices used for fitting, ascending
     * @param test 0-based cell indices used for scoring only, ascending
     */
    public record Split(int[] train, int[] test) {
    }

    /**
     * Which cells can be split.
     *
     * @param eligible labelled cells of classes with at least two cells, ascending
     * @param setAside classes with fewer than two cells and their cell counts, sorted by class
     * @param unlabelled number of cells without a label
     */
    public record Plan(int[] eligible, Map<String, Integer> setAside, int unlabelled) {
    }

    /**
     * Finds the cells a split can use.
     *
     * @param labels one label per cell, {@code null} where missing
     * @return the plan
     * @throws InvalidInputException if fewer than two classes with at least two cells remain
     */
    public static Plan plan(String[] labels) {
        TreeMap<String, List<Integer>> byClass = byClass(labels, null);
        int unlabelled = 0;
        for (String l : labels) {
            unlabelled += l == null ? 1 : 0;
        }
        Map<String, Integer> setAside = new LinkedHashMap<>();
        List<Integer> eligible = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byClass.entrySet()) {
            if (e.getValue().size() < 2) {
                setAside.put(e.getKey(), e.getValue().size());
            } else {
                eligible.addAll(e.getValue());
            }
        }
        int classes = byClass.size() - setAside.size();
        if (classes < 2) {
            throw new InvalidInputException("Only " + classes + " class(es) have at least two labelled cells ("
                    + byClass.size() + " classes, " + unlabelled + " unlabelled cells); an evaluation needs two. "
                    + "Check the label column.");
        }
        Collections.sort(eligible);
        return new Plan(eligible.stream().mapToInt(Integer::intValue).toArray(), setAside, unlabelled);
    }

    /**
     * Splits each class into test and training cells. The number of test cells is {@code ceil(fraction * n)} over
     * all eligible cells, shared among classes in proportion to their size (largest remainders first, ties to the
     * earlier class), then kept within [1, size - 1] per class so every class is both trained on and scored.
     *
     * @param labels one label per cell
     * @param eligible the cells to split (see {@link #plan}); every class among them has at least two cells
     * @param testFraction share of test cells, in (0, 1)
     * @param seed shuffling seed
     * @return the split
     * @throws InvalidInputException if the fraction is outside (0, 1)
     */
    public static Split stratified(String[] labels, int[] eligible, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidInputException("The test fraction must lie strictly between 0 and 1, got " + testFraction
                    + ".");
        }
        TreeMap<String, List<Integer>> byClass = byClass(labels, eligible);
        int n = eligible.length;
        int nTest = (int) Math.ceil(testFraction * n - 1e-9);
        int classes = byClass.size();
        int[] size = new int[classes];
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int c = 0;
        int given = 0;
        for (List<Integer> rows : byClass.values()) {
            size[c] = rows.size();
            double exact = (double) nTest * size[c] / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
            c++;
        }
        Integer[] order = new Integer[classes];
        for (int i = 0; i < classes; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
        for (int i = 0; given < nTest && i < classes; i++, given++) {
            quota[order[i]]++;
        }
        for (int i = 0; i < classes; i++) {
            quota[i] = Math.max(1, Math.min(size[i] - 1, quota[i]));
        }
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        c = 0;
        for (List<Integer> rows : byClass.values()) {
            Collections.shuffle(rows, rnd);
            for (int j = 0; j < rows.size(); j++) {
                (j < quota[c] ? test : train).add(rows.get(j));
            }
            c++;
        }
        return new Split(sorted(train), sorted(test));
    }

    /**
     * Takes {@code min(n, size - 1)} training cells per class and scores all others: the few-labels regime.
     *
     * @param labels one label per cell
     * @param eligible the cells to split (see {@link #plan})
     * @param perClass training cells per class, at least 1
     * @param seed shuffling seed
     * @return the split
     * @throws InvalidInputException if {@code perClass} is below 1
     */
    public static Split perClass(String[] labels, int[] eligible, int perClass, long seed) {
        if (perClass < 1) {
            throw new InvalidInputException("The number of training cells per class must be at least 1, got "
                    + perClass + ".");
        }
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass(labels, eligible).values()) {
            Collections.shuffle(rows, rnd);
            int nTrain = Math.min(perClass, rows.size() - 1);
            for (int j = 0; j < rows.size(); j++) {
                (j < nTrain ? train : test).add(rows.get(j));
            }
        }
        return new Split(sorted(train), sorted(test));
    }

    private static TreeMap<String, List<Integer>> byClass(String[] labels, int[] cells) {
        TreeMap<String, List<Integer>> byClass = new TreeMap<>();
        int n = cells == null ? labels.length : cells.length;
        for (int k = 0; k < n; k++) {
            int i = cells == null ? k : cells[k];
            if (labels[i] != null) {
                byClass.computeIfAbsent(labels[i], x -> new ArrayList<>()).add(i);
            }
        }
        return byClass;
    }

    private static int[] sorted(List<Integer> cells) {
        return cells.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
