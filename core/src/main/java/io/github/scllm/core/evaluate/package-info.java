/**
 * Side-by-side evaluation of the annotation method against its baselines and controls.
 *
 * <p>The description path of the method (GenePT-w cell embeddings from gene texts, optionally refined by supervised
 * contrastive learning, then k-nearest neighbours) is measured next to plain expression baselines (PCA-50 KNN,
 * logistic regression), a hybrid of both, a transductive nearest-centroid baseline that uses the unlabelled cells, and
 * a control in which every gene's text embedding is replaced by a random vector. Every learned step is fitted on the
 * training cells of a split only; test labels are used for scoring and nothing else.
 *
 * <p>Flow: {@link io.github.scllm.core.evaluate.CellData} (log-normalised expression and labels) &rarr;
 * {@link io.github.scllm.core.evaluate.CellGenes} (each cell's top genes) &rarr;
 * {@link io.github.scllm.core.evaluate.GeneVectors} (each distinct gene text embedded once) &rarr;
 * {@link io.github.scllm.core.evaluate.MethodPipeline} (one method fitted on training rows, applied to test rows)
 * &rarr; {@link io.github.scllm.core.evaluate.Evaluation} (splits, seeds, metrics, mean and standard deviation).
 *
 * <p>A method fitted once is a {@link io.github.scllm.core.evaluate.FittedMethod}: it labels
 * {@link io.github.scllm.core.evaluate.CellBatch}es of any number, from the reference's own rows or streamed from a
 * query file by {@link io.github.scllm.core.evaluate.QueryCells}, and {@link io.github.scllm.core.evaluate.ModelFile}
 * writes it to a versioned file and reads it back exactly.
 */
package io.github.scllm.core.evaluate;
