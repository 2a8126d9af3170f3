/**
 * Annotation of groups of cells (clusters) with cell types from a controlled vocabulary, grounded in the group's
 * marker genes.
 *
 * <p>Every method returns the same record per group, {@link io.github.scllm.core.annotate.GroupAnnotation}: the
 * predicted Cell Ontology term, the evidence markers (each checked against the group's own statistics), the rejection
 * criteria with whether the data meets them, a confidence in [0, 1], up to three alternatives, a status and notes.
 * The methods, each a {@link io.github.scllm.core.annotate.GroupAnnotator}:
 * <ul>
 * <li>reference scoring ({@link io.github.scllm.core.annotate.MarkerEvidenceScorer}): a rank-weighted, specificity-
 * weighted similarity of a group's markers to each cell type's markers from one or more marker databases ({@link
 * io.github.scllm.core.annotate.MarkerDatabase}: PanglaoDB, CellMarker 2.0, Cell Marker Accordion, plain tables),
 * turned into probabilities that add up the ontology, so the call is as specific as the evidence allows;</li>
 * <li>text-embedding zero-shot ({@link io.github.scllm.core.annotate.ZeroShotScorer}): the weighted mean of the
 * markers' description embeddings against the embeddings of candidate terms' names and definitions;</li>
 * <li>a language model ({@link io.github.scllm.core.annotate.LlmAnnotator}) answering through an OpenAI-compatible chat
 * completion with a strict JSON schema, its label resolved to the ontology and its claims checked against the
 * data.</li>
 * </ul>
 * {@link io.github.scllm.core.annotate.AnnotateGroups} runs a method over groups and applies {@link
 * io.github.scllm.core.annotate.ExpertRules} (required and excluding markers per cell type) to every call.
 * {@link io.github.scllm.core.annotate.AnnotationBenchmark} scores a method on marker lists with known cell types.
 */
package io.github.scllm.core.annotate;
