package io.github.scllm.core.annotate;

import java.util.List;

/**
 * The annotation of one group of cells, the same for every {@link AnnotationMethod}.
 *
 * @param group the group's name
 * @param method the method that produced it
 * @param status the outcome
 * @param termId the predicted ontology term, or {@code null} when {@link AnnotationStatus#UNRESOLVED}
 * @param termName the term's name, or {@code null}
 * @param label the method's own label for the prediction (e.g. the reference cell type before resolution), or an
 *        empty string
 * @param confidence in [0, 1]; NaN (no confidence) when {@link AnnotationStatus#UNRESOLVED} or {@link
 *        AnnotationStatus#REJECTED}, so that no filter on confidence takes such a row for a confident call
 * @param evidence the markers supporting the prediction, best first
 * @param rejection the rejection criteria, with whether the data meets them
 * @param alternatives up to three runners-up, best first
 * @param notes what the user should know (roll-ups, unresolved labels, missing statistics)
 */
public record GroupAnnotation(String group, AnnotationMethod method, AnnotationStatus status, String termId,
    String termName, String label, double confidence, List<EvidenceMarker> evidence,
    List<RejectionCriterion> rejection, List<Alternative> alternatives, List<String> notes) {

    public GroupAnnotation {
        if (status == AnnotationStatus.UNRESOLVED || status == AnnotationStatus.REJECTED) {
            confidence = Double.NaN;
        }
        evidence = List.copyOf(evidence);
        rejection = List.copyOf(rejection);
        alternatives = List.copyOf(alternatives);
        notes = List.copyOf(notes);
    }

    /** @return whether the row carries a confidence (it is neither unresolved nor rejected) */
    public boolean hasConfidence() {
        return !Double.isNaN(confidence);
    }

    /** @return the evidence markers that the data supports */
    public List<EvidenceMarker> groundedEvidence() {
        return evidence.stream().filter(EvidenceMarker::grounded).toList();
    }
}
