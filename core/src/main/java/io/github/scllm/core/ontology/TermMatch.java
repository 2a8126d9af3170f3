package io.github.scllm.core.ontology;

import java.util.List;

/**
 * The answer to "which term does this label mean?".
 *
 * @param label the label as given
 * @param id the term's ID, or {@code null} when unresolved
 * @param name the term's name, or {@code null} when unresolved
 * @param method how the term was found
 * @param score confidence in [0, 1]: 1 for ID and name, lower for synonyms and normalised forms, the cosine
 *        similarity for embeddings, 0 when unresolved
 * @param matched the name or synonym that matched, or the embedded term text's name; empty when unresolved
 * @param note what the user should know (an obsolete ID that was replaced, an ambiguity), or empty
 * @param candidates the best alternatives (at most 3), for embeddings and ambiguities; empty otherwise
 */
public record TermMatch(String label, String id, String name, MatchMethod method, double score, String matched,
    String note, List<Candidate> candidates) {

    public TermMatch {
        candidates = List.copyOf(candidates);
    }

    /** @return whether a term was found */
    public boolean resolved() {
        return id != null;
    }

    /**
     * A possible term.
     *
     * @param id its ID
     * @param name its name
     * @param score its similarity or match score
     */
    public record Candidate(String id, String name, double score) {
    }
}
