package io.github.scllm.core.annotate;

/**
 * A condition that, if the data meets it, argues against the prediction.
 *
 * @param description what would reject the label, e.g. "canonical marker CD3E of T cells is not among the group's
 *        markers"
 * @param gene the gene concerned, or an empty string
 * @param met whether the data meets the condition
 */
public record RejectionCriterion(String description, String gene, boolean met) {
}
