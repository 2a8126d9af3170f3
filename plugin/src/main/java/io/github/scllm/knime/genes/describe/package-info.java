/**
 * The Gene Description Lookup node: one row per distinct gene symbol of an input column, with its NCBI identity,
 * description and the text to embed. The lookup itself is {@link io.github.scllm.core.genes.GeneDescriptionLookup};
 * this package turns the dialog's choices into its sources, and KNIME rows, credentials, progress and cancellation
 * into its inputs.
 */
package io.github.scllm.knime.genes.describe;
