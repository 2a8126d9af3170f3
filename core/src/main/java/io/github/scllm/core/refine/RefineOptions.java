package io.github.scllm.core.refine;

import io.github.scllm.core.InvalidInputException;

/**
 * Settings of the contrastive refinement ({@link ContrastiveTrainer}). {@link #DEFAULTS} are the method's values.
 *
 * @param hidden width of the hidden layer, at least 1
 * @param output dimension of the refined embedding, at least 1
 * @param temperature SupCon temperature, &gt; 0
 * @param learningRate Adam's learning rate, &gt; 0
 * @param weightDecay Adam's L2 weight decay (added to the gradient, as PyTorch's Adam), &gt;= 0
 * @param batchSize rows per batch, at least 2 (BatchNorm needs two)
 * @param balancedBatches draw batches class-balanced (class uniformly, then a cell of it, with replacement)
 *        instead of a shuffled pass over all training rows
 * @param maxEpochs epoch limit, at least 1
 * @param patience epochs without a validation improvement of more than {@code minDelta} before stopping, &gt;= 1
 * @param minDelta smallest validation-loss decrease that counts as an improvement, &gt;= 0
 * @param validationFraction share of each class's training rows held out for early stopping, in [0, 0.5];
 *        0 trains all epochs and keeps the last weights
 * @param seed seed of initialisation, split and batch order
 * @param threads worker threads, at least 1
 */
public record RefineOptions(int hidden, int output, double temperature, double learningRate, double weightDecay,
        int batchSize, boolean balancedBatches, int maxEpochs, int patience, double minDelta,
        double validationFraction, long seed, int threads) {

    /** hidden 512, output 128, temperature 0.07, Adam 1e-3 / 1e-6, batch 256, 50 epochs, patience 7, 10% split. */
    public static final RefineOptions DEFAULTS = new RefineOptions(512, 128, 0.07, 1e-3, 1e-6, 256, false, 50, 7,
            1e-4, 0.1, 0L, Runtime.getRuntime().availableProcessors());

    /** @throws InvalidInputException if a value is out of range */
    public RefineOptions {
        check(hidden >= 1 && output >= 1, "hidden and output sizes must be at least 1");
        check(temperature > 0 && Double.isFinite(temperature), "the temperature must be positive");
        check(learningRate > 0 && Double.isFinite(learningRate), "the learning rate must be positive");
        check(weightDecay >= 0 && Double.isFinite(weightDecay), "the weight decay must not be negative");
        check(batchSize >= 2, "the batch size must be at least 2 (batch normalisation needs two rows)");
        check(maxEpochs >= 1, "at least one epoch is needed");
        check(patience >= 1, "the patience must be at least 1");
        check(minDelta >= 0, "the minimum improvement must not be negative");
        check(validationFraction >= 0 && validationFraction <= 0.5, "the validation fraction must lie in [0, 0.5]");
        check(threads >= 1, "threads must be at least 1");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new InvalidInputException("Contrastive refinement options: " + what + ".");
        }
    }

    /** @return a copy with other layer sizes */
    public RefineOptions withSizes(int newHidden, int newOutput) {
        return new RefineOptions(newHidden, newOutput, temperature, learningRate, weightDecay, batchSize,
                balancedBatches, maxEpochs, patience, minDelta, validationFraction, seed, threads);
    }

    /** @return a copy with another batch size and batch mode */
    public RefineOptions withBatches(int newBatchSize, boolean balanced) {
        return new RefineOptions(hidden, output, temperature, learningRate, weightDecay, newBatchSize, balanced,
                maxEpochs, patience, minDelta, validationFraction, seed, threads);
    }

    /** @return a copy with another epoch limit and patience */
    public RefineOptions withEpochs(int newMaxEpochs, int newPatience) {
        return new RefineOptions(hidden, output, temperature, learningRate, weightDecay, batchSize, balancedBatches,
                newMaxEpochs, newPatience, minDelta, validationFraction, seed, threads);
    }

    /** @return a copy with another validation fraction */
    public RefineOptions withValidationFraction(double fraction) {
        return new RefineOptions(hidden, output, temperature, learningRate, weightDecay, batchSize, balancedBatches,
                maxEpochs, patience, minDelta, fraction, seed, threads);
    }

    /** @return a copy with another seed */
    public RefineOptions withSeed(long newSeed) {
        return new RefineOptions(hidden, output, temperature, learningRate, weightDecay, batchSize, balancedBatches,
                maxEpochs, patience, minDelta, validationFraction, newSeed, threads);
    }

    /** @return a copy with another thread count */
    public RefineOptions withThreads(int newThreads) {
        return new RefineOptions(hidden, output, temperature, learningRate, weightDecay, batchSize, balancedBatches,
                maxEpochs, patience, minDelta, validationFraction, seed, newThreads);
    }

    /** @return a copy with another learning rate */
    public RefineOptions withLearningRate(double rate) {
        return new RefineOptions(hidden, output, temperature, rate, weightDecay, batchSize, balancedBatches,
                maxEpochs, patience, minDelta, validationFraction, seed, threads);
    }
}
