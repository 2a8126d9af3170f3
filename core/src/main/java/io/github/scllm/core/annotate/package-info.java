/**
 * Annotation of groups of cells (clusters) with cell types from a controlled vocabulary, grounded in the group's
 * marker genes.
 *
 * <p>Every method returns the same record per group, {@link io.github.scllm.core.annotate.GroupAnnotation}: the
 * predicted Cell Ontology term, the evidence markers (each checked against the group's own statistics), the rejection
 * criteria with whether the data meets them, a confidence in [0, 1], up to three alternatives, a status and notes. The
 * method implemented here is reference scoring ({@link io.github.scllm.core.annotate.ReferenceScorer}): the overlap of
 * a group's top markers with each reference cell type's markers from a PanglaoDB-format table ({@link
 * io.github.scllm.core.annotate.ReferenceMarkers}), scored by a hypergeometric p-value and a weighted overlap, the
 * reference labels resolved to ontology terms by {@link io.github.scllm.core.ontology.TermResolver}. Text-embedding
 * and language-model methods fill the same record.
 */
package io.github.scllm.core.annotate;
