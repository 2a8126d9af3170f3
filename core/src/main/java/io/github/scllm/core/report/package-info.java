/**
 * Reports of a run for people to look at. {@link io.github.scllm.core.report.Umap} lays vectors out in two
 * dimensions with UMAP (exact cosine k-nearest-neighbour graph, fuzzy union of its memberships, seeded stochastic
 * gradient descent; O(n^2 d) for the neighbours, O(epochs n k) for the layout, meant for up to about 10,000 cells),
 * and {@link io.github.scllm.core.report.EmbeddingPlot} draws such a layout as a PNG scatter plot coloured by label,
 * with a legend. Both are plain Java (Java2D, no native code) and deterministic for a seed.
 *
 * <p>UMAP is implemented here rather than taken from Smile: the only Apache-licensed Smile line (1.5) has no UMAP,
 * the 2.x line is LGPL and later lines GPL, and Smile's UMAP needs ARPACK/OpenBLAS native libraries for its spectral
 * initialisation. This implementation starts from the first two principal components instead.
 */
package io.github.scllm.core.report;
