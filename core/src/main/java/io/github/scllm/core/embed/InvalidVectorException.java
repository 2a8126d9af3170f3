package io.github.scllm.core.embed;

/**
 * An embedding answer held an unusable vector (a component that is not a finite number, or a length other than the
 * rest of the answer or the cache). Thrown before any vector of that answer is stored or written; the message names
 * the provider and the text, and {@link #at} lets a caller that knows the input rows restate where the text is.
 */
public final class InvalidVectorException extends EmbeddingServiceException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final String problem;
    private final String advice;
    private final int textIndex;

    /**
     * @param provider  the provider, for the message
     * @param problem   what is wrong, e.g. "a vector holding NaN at component 3"
     * @param advice    what to do
     * @param textIndex 0-based position of the text in the list the embedder was given
     * @param where     the text as the user finds it, e.g. "text 4 ('CD3E ...')"
     */
    InvalidVectorException(String provider, String problem, String advice, int textIndex, String where) {
        super(provider + " answered " + problem + " for " + where + "; nothing of that answer was stored or written. "
            + advice, 200, 1);
        this.provider = provider;
        this.problem = problem;
        this.advice = advice;
        this.textIndex = textIndex;
    }

    /** @return 0-based position of the text in the list the embedder was given */
    public int textIndex() {
        return textIndex;
    }

    /**
     * @param index 0-based position of the text in the caller's list
     * @param where the text as the caller's user finds it, e.g. "row 12 of genes.tsv ('CD3E ...')"
     * @return the same failure located in the caller's terms
     */
    public InvalidVectorException at(int index, String where) {
        return new InvalidVectorException(provider, problem, advice, index, where);
    }
}
