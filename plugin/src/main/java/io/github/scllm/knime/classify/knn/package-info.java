/** The KNN Classify node: labels query cells from a labelled reference (k-NN, nearest centroid, logistic). */
package io.github.scllm.knime.classify.knn;
