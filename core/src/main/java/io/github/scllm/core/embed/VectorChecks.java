package io.github.scllm.core.embed;

import io.github.scllm.core.Printable;

import java.util.List;

/**
 * The checks every embedding answer passes before any of its vectors is stored or handed on: each component a finite
 * number, every vector of one length, and that length the one expected (earlier answers, or the cache).
 */
final class VectorChecks {
    private VectorChecks() {
    }

    /**
     * The length vectors must have and why.
     *
     * @param length the length, or -1 when the first vector of the answer sets it
     * @param source what holds vectors of that length, completing "where ... has N", e.g. "earlier answers of this
     *               run have"
     * @param advice what to do when a vector differs
     */
    record Expected(int length, String source, String advice) {
        static final Expected FROM_ANSWER = new Expected(-1, "the rest of the answer has",
            "The server must serve one model: check the model name and the server.");
    }

    /**
     * @param texts texts of the caller's list
     * @param index 0-based position in it
     * @return "text N ('start of the text')" with control characters escaped
     */
    static String describe(List<String> texts, int index) {
        return "text " + (index + 1) + " of " + texts.size() + " ('" + Printable.escape(texts.get(index), 60) + "')";
    }

    /**
     * @param provider    name for messages
     * @param vectors     one answer, none null
     * @param texts       the caller's texts
     * @param from        position of {@code vectors[0]} in {@code texts}
     * @param expected    the length every vector must have
     * @throws InvalidVectorException on the first unusable vector
     */
    static void requireUsable(String provider, float[][] vectors, List<String> texts, int from,
            Expected expected) {
        int length = expected.length() >= 0 ? expected.length() : vectors.length == 0 ? -1 : vectors[0].length;
        for (int k = 0; k < vectors.length; k++) {
            float[] v = vectors[k];
            int row = from + k;
            if (v.length == 0) {
                throw new InvalidVectorException(provider, "an empty vector", "Check that the model is an embedding "
                    + "model.", row, describe(texts, row));
            }
            for (int j = 0; j < v.length; j++) {
                if (!Float.isFinite(v[j])) {
                    throw new InvalidVectorException(provider, "a vector holding " + v[j] + " at component " + (j + 1)
                        + " of " + v.length, "A vector must hold finite numbers: check the model and the server "
                        + "(a broken model or a proxy that rewrites answers), then run again.", row,
                        describe(texts, row));
                }
            }
            if (v.length != length) {
                throw new InvalidVectorException(provider, "a vector of " + v.length + " dimensions where "
                    + expected.source() + " " + length, expected.advice(), row, describe(texts, row));
            }
        }
    }
}
