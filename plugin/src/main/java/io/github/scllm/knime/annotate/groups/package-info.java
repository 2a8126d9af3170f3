/**
 * The Annotate Groups node: one Cell Ontology call per group of a Marker Genes table, by reference markers, text
 * embeddings or a language model, checked against the data and expert rules.
 */
package io.github.scllm.knime.annotate.groups;
