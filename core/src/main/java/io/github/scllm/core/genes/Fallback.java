package io.github.scllm.core.genes;

/** The text given to a gene without a description. The gene is reported in every case. */
public enum Fallback {
    /** Empty text: the gene is reported, with its status, but has nothing to embed. */
    SKIP,
    /** {@code SYMBOL: official full name}, or the symbol alone when the full name is unknown too. */
    SYMBOL_AND_NAME,
    /** The fixed sentence {@value #FIXED_SENTENCE_TEXT}, as in the method. */
    FIXED_SENTENCE;

    /** The method's text for genes without an NCBI description. */
    public static final String FIXED_SENTENCE_TEXT = "This gene has no NCBI description.";

    /**
     * @param symbol the gene's symbol (official if known)
     * @param fullName its full name, or null
     * @return the text to embed for a gene without a description
     */
    public String text(String symbol, String fullName) {
        switch (this) {
            case SYMBOL_AND_NAME:
                return fullName == null || fullName.isBlank() ? symbol : symbol + ": " + fullName;
            case FIXED_SENTENCE:
                return FIXED_SENTENCE_TEXT;
            default:
                return "";
        }
    }
}
