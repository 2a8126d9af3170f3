package io.github.scllm.core.annotate;

/**
 * A runner-up prediction.
 *
 * @param termId the ontology term, or {@code null} when the label does not resolve
 * @param termName the term's name, or {@code null}
 * @param label the method's own label (e.g. the reference cell type)
 * @param score the method's score (higher is better)
 * @param pValue the method's p-value, NaN when it has none
 */
public record Alternative(String termId, String termName, String label, double score, double pValue) {
}
