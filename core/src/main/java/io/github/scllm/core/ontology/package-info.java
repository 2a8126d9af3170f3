/**
 * The Cell Ontology (or any OBO 1.2/1.4 ontology) as a controlled vocabulary for cell type labels.
 *
 * <p>{@link io.github.scllm.core.ontology.Ontology#read(java.nio.file.Path)} parses an OBO file into {@link
 * io.github.scllm.core.ontology.OntologyTerm}s (IDs, names, definitions, exact/related/broad/narrow synonyms, is_a and
 * relationship parents, obsolete terms with their replacements) and answers hierarchy questions over is_a and
 * part_of: ancestors, descendants, lowest common ancestors. {@link io.github.scllm.core.ontology.TermResolver} turns
 * free-text labels such as "CD14+ Monocyte" into terms: exact name, then synonym, then a normalised form of both, then
 * optionally the nearest term by text embedding; each answer ({@link io.github.scllm.core.ontology.TermMatch}) says
 * how it was found and how sure it is, and a label that matches nothing well enough is reported as unresolved rather
 * than guessed.
 */
package io.github.scllm.core.ontology;
