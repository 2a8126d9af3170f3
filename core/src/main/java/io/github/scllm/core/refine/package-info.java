/**
 * Learned projections of cell vectors, fitted on training cells only: the expression baseline
 * ({@link io.github.scllm.core.refine.ExpressionPca}: highly variable genes, per-gene z-score, clipping, randomised
 * truncated SVD) and the contrastive refinement of the method ({@link io.github.scllm.core.refine.ProjectionHead}
 * trained with the supervised contrastive loss by {@link io.github.scllm.core.refine.ContrastiveTrainer}).
 */
package io.github.scllm.core.refine;
