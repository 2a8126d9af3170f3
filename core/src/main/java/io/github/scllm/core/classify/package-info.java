/**
 * Classification of cell vectors and scoring of the result. Exact k-nearest-neighbour search over float vectors
 * (cosine or Euclidean, blocked dot products, parallel over query blocks), three classifiers behind
 * {@link io.github.scllm.core.classify.Classifier} (k-nearest neighbours, nearest centroid, multinomial logistic
 * regression with an L2 penalty), and {@link io.github.scllm.core.classify.AnnotationMetrics}: accuracy, macro and
 * weighted F1, Cohen's kappa, per-class precision/recall/F1 and the confusion matrix, with rejected ("Unknown")
 * predictions counted apart. {@link io.github.scllm.core.classify.Calibration} compares confidence with observed
 * accuracy (reliability table over equal-width bins, expected and maximum calibration error, O(n)), and
 * {@link io.github.scllm.core.classify.RejectThreshold} chooses a reject threshold on held-out cells for a target
 * accuracy or coverage (O(n log n)).
 */
package io.github.scllm.core.classify;
