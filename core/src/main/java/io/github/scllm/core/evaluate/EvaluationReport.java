package io.github.scllm.core.evaluate;

import io.github.scllm.core.classify.AnnotationMetrics;
import io.github.scllm.core.classify.Calibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The result of an {@link Evaluation}: test-cell metrics of every method for every seed, and their mean and sample
 * standard deviation over seeds.
 *
 * @param trainCells training cells of a split (the same for every seed)
 * @param testCells test cells of a split
 * @param setAsideClasses classes with fewer than two cells, left out of every split, with their cell counts
 * @param unlabelledCells cells without a label, left out
 * @param seeds the seeds, in order
 * @param perSeed per method (in the order run), one metrics record per seed
 * @param notes per method, remarks collected over the seeds (distinct, in order)
 * @param calibration per method, the calibration of its confidence on the test cells, one per seed; empty when not
 *        measured
 */
public record EvaluationReport(int trainCells, int testCells, Map<String, Integer> setAsideClasses,
        int unlabelledCells, List<Long> seeds, Map<Method, List<AnnotationMetrics>> perSeed,
        Map<Method, List<String>> notes, Map<Method, List<Calibration>> calibration) {

    /** A report without calibration. */
    public EvaluationReport(int trainCells, int testCells, Map<String, Integer> setAsideClasses, int unlabelledCells,
            List<Long> seeds, Map<Method, List<AnnotationMetrics>> perSeed, Map<Method, List<String>> notes) {
        this(trainCells, testCells, setAsideClasses, unlabelledCells, seeds, perSeed, notes, Map.of());
    }

    /**
     * The expected calibration error of a method's confidence on the test cells, over seeds.
     *
     * @param method a method of the report
     * @return mean and sd over seeds, or {@code null} when the report holds no calibration for the method
     */
    public Stat ece(Method method) {
        List<Calibration> runs = calibration.get(method);
        if (runs == null || runs.isEmpty()) {
            return null;
        }
        double[] values = runs.stream().mapToDouble(Calibration::ece).toArray();
        return Stat.of(values);
    }

    /**
     * Mean and standard deviation of one metric over seeds.
     *
     * @param mean the mean
     * @param sd the sample standard deviation (n - 1), 0 for a single seed
     */
    public record Stat(double mean, double sd) {
        static Stat of(double[] values) {
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new Stat(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0);
        }

        static Stat of(List<AnnotationMetrics> runs, ToDoubleFunction<AnnotationMetrics> metric) {
            double s = 0;
            for (AnnotationMetrics m : runs) {
                s += metric.applyAsDouble(m);
            }
            double mean = s / runs.size();
            double ss = 0;
            for (AnnotationMetrics m : runs) {
                double d = metric.applyAsDouble(m) - mean;
                ss += d * d;
            }
            return new Stat(mean, runs.size() > 1 ? Math.sqrt(ss / (runs.size() - 1)) : 0);
        }
    }

    /**
     * The summary of one method.
     *
     * @param method the method
     * @param accuracy share of test cells predicted right
     * @param macroF1 unweighted mean of per-class F1
     * @param weightedF1 per-class F1 weighted by support
     * @param kappa Cohen's kappa
     */
    public record Summary(Method method, Stat accuracy, Stat macroF1, Stat weightedF1, Stat kappa) {
    }

    /** @return one summary per method, in the order run */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (Map.Entry<Method, List<AnnotationMetrics>> e : perSeed.entrySet()) {
            List<AnnotationMetrics> r = e.getValue();
            out.add(new Summary(e.getKey(), Stat.of(r, AnnotationMetrics::accuracy),
                    Stat.of(r, AnnotationMetrics::macroF1), Stat.of(r, AnnotationMetrics::weightedF1),
                    Stat.of(r, AnnotationMetrics::kappa)));
        }
        return out;
    }

    /**
     * The report as nested maps for a JSON writer: {@code n_train}, {@code n_test}, {@code methods} (name to
     * {@code accuracy}, {@code macro_f1}, {@code weighted_f1}, {@code kappa}, and with several seeds also
     * {@code accuracy_sd} etc., and {@code ece} when the calibration was measured) and {@code set_aside_classes}
     * (class to cell count).
     *
     * @return insertion-ordered maps of numbers and strings
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("n_train", trainCells);
        root.put("n_test", testCells);
        Map<String, Object> methods = new LinkedHashMap<>();
        boolean sd = seeds.size() > 1;
        for (Summary s : summaries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "accuracy", s.accuracy(), sd);
            put(m, "macro_f1", s.macroF1(), sd);
            put(m, "weighted_f1", s.weightedF1(), sd);
            put(m, "kappa", s.kappa(), sd);
            Stat ece = ece(s.method());
            if (ece != null) {
                put(m, "ece", ece, sd);
            }
            methods.put(s.method().id(), m);
        }
        root.put("methods", methods);
        root.put("set_aside_classes", new LinkedHashMap<>(setAsideClasses));
        return root;
    }

    private static void put(Map<String, Object> m, String key, Stat stat, boolean sd) {
        m.put(key, round(stat.mean()));
        if (sd) {
            m.put(key + "_sd", round(stat.sd()));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
