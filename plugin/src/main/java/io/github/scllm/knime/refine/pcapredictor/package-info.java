/** The Expression PCA Predictor node: projects cells onto a fitted expression PCA. */
package io.github.scllm.knime.refine.pcapredictor;
