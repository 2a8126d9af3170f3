/** The Contrastive Refine Learner node: trains the supervised-contrastive projection head on labelled vectors. */
package io.github.scllm.knime.refine.contrastivelearner;
