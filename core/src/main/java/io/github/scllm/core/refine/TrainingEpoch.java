package io.github.scllm.core.refine;

/**
 * One line of the training curve.
 *
 * @param epoch 1-based epoch
 * @param trainLoss mean SupCon loss of the epoch's training batches
 * @param validationLoss SupCon loss of the validation rows (evaluation mode), NaN without a validation split
 */
public record TrainingEpoch(int epoch, double trainLoss, double validationLoss) {
}
