package io.github.scllm.core.evaluate;

import io.github.scllm.core.InvalidInputException;
import java.util.List;

/**
 * What an {@link Evaluation} runs.
 *
 * @param methods the methods, in report order, at least one
 * @param testFraction share of each class scored, in (0, 1); used when {@code trainPerClass} is 0
 * @param trainPerClass training cells per class (the few-labels regime; all other cells are scored), or 0 for a
 *        stratified split by {@code testFraction}
 * @param seeds one split per seed, at least one seed, no repeats
 * @param pipeline the methods' settings
 */
public record EvaluationOptions(List<Method> methods, double testFraction, int trainPerClass, List<Long> seeds,
        PipelineOptions pipeline) {

    /** All methods, stratified 80/20, seed 1, default pipeline. */
    public static final EvaluationOptions DEFAULTS = new EvaluationOptions(List.of(Method.values()), 0.2, 0,
            List.of(1L), PipelineOptions.DEFAULTS);

    /** @throws InvalidInputException if a value is out of range */
    public EvaluationOptions {
        if (methods == null || methods.isEmpty()) {
            throw new InvalidInputException("Choose at least one method. Known methods: " + Method.ids() + ".");
        }
        if (trainPerClass < 0) {
            throw new InvalidInputException("Training cells per class must be positive (or 0 for a stratified "
                    + "split), got " + trainPerClass + ".");
        }
        if (trainPerClass == 0 && !(testFraction > 0 && testFraction < 1)) {
            throw new InvalidInputException("The test fraction must lie strictly between 0 and 1, got " + testFraction
                    + ".");
        }
        if (seeds == null || seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new InvalidInputException("Give at least one seed and no seed twice, got " + seeds + ".");
        }
        if (pipeline == null) {
            throw new InvalidInputException("Pipeline options are missing.");
        }
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
    }

    /** @return a copy with other methods */
    public EvaluationOptions withMethods(List<Method> m) {
        return new EvaluationOptions(m, testFraction, trainPerClass, seeds, pipeline);
    }

    /** @return a copy with a stratified split of this test fraction */
    public EvaluationOptions withTestFraction(double f) {
        return new EvaluationOptions(methods, f, 0, seeds, pipeline);
    }

    /** @return a copy with this many training cells per class */
    public EvaluationOptions withTrainPerClass(int n) {
        return new EvaluationOptions(methods, testFraction, n, seeds, pipeline);
    }

    /** @return a copy with other seeds */
    public EvaluationOptions withSeeds(List<Long> s) {
        return new EvaluationOptions(methods, testFraction, trainPerClass, s, pipeline);
    }

    /** @return a copy with other pipeline settings */
    public EvaluationOptions withPipeline(PipelineOptions p) {
        return new EvaluationOptions(methods, testFraction, trainPerClass, seeds, p);
    }

    /** @return whether any chosen method needs gene text vectors */
    public boolean needsGeneVectors() {
        return methods.stream().anyMatch(Method::needsGeneVectors);
    }
}
