/** The Expression PCA Learner node: fits the expression baseline (highly variable genes, z-scores, PCA). */
package io.github.scllm.knime.refine.pcalearner;
