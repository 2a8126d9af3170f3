/** The Contrastive Refine Predictor node: applies a trained projection head to vector columns. */
package io.github.scllm.knime.refine.contrastivepredictor;
