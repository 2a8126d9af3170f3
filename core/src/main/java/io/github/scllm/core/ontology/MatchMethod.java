package io.github.scllm.core.ontology;

/** How a label was resolved to a term, from most to least certain. */
public enum MatchMethod {
    /** The label is a term ID (or alternative ID). */
    ID,
    /** The label equals the term's name, ignoring case. */
    NAME,
    /** The label equals an exact or related synonym, ignoring case. */
    SYNONYM,
    /** The label equals a name or synonym after normalisation (punctuation, plurals, "+" as "-positive", "cell"). */
    NORMALISED,
    /** The name or exact synonym sharing the most rarity-weighted words with the label, above a threshold. */
    FUZZY,
    /** The term whose name and definition embed nearest to the label, above the score threshold. */
    EMBEDDING,
    /** No term matched well enough, or several matched equally; see the match's note and candidates. */
    UNRESOLVED
}
