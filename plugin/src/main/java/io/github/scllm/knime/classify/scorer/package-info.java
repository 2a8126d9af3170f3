/** The Annotation Scorer node: accuracy, F1, Cohen's kappa, coverage and the confusion matrix of predicted labels. */
package io.github.scllm.knime.classify.scorer;
