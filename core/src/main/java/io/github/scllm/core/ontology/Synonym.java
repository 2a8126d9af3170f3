package io.github.scllm.core.ontology;

/**
 * An alternative name of a term.
 *
 * @param text the synonym as written
 * @param scope how closely it matches the term's meaning
 * @param type the synonym type (e.g. {@code abbreviation}, {@code PLURAL}), or an empty string
 */
public record Synonym(String text, Scope scope, String type) {

    /** OBO synonym scopes. */
    public enum Scope {
        /** Means the same as the term's name. */
        EXACT,
        /** Related but not equivalent. */
        RELATED,
        /** Broader than the term. */
        BROAD,
        /** Narrower than the term. */
        NARROW
    }
}
