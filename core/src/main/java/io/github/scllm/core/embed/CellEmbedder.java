package io.github.scllm.core.embed;

import io.github.scllm.core.InvalidInputException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A cell's embedding as the weighted mean of its top genes' embeddings (GenePT-w):
 * {@code Σ w_g · e_g / Σ w_g} over the genes that have an embedding. Symbols match case-insensitively,
 * as the method upper-cases them. Thread-safe after construction.
 */
public final class CellEmbedder {

    /**
     * @param uniformWeights every embedded gene weighs 1 instead of its expression value
     * @param l2Normalize    scale each cell embedding to unit length
     */
    public record Options(boolean uniformWeights, boolean l2Normalize) {
        /** The method's choice: expression weights, no normalisation. */
        public static final Options DEFAULT = new Options(false, false);
    }

    private final Map<String, float[]> vectors;
    private final int dimension;
    private final Options options;

    /**
     * @param geneVectors gene symbol → embedding, all of one length; symbols differing only by case must not
     *                    both be present
     * @throws InvalidInputException when the map is empty, a vector is empty or of another length, or two
     *                               symbols collide case-insensitively
     */
    public CellEmbedder(Map<String, float[]> geneVectors, Options options) {
        this.options = Objects.requireNonNull(options, "options");
        if (geneVectors.isEmpty()) {
            throw new InvalidInputException("No gene embeddings given: embed the gene descriptions first "
                    + "(LLM Embed) and pass that table.");
        }
        this.vectors = new HashMap<>(geneVectors.size() * 2);
        int dim = -1;
        for (Map.Entry<String, float[]> entry : geneVectors.entrySet()) {
            float[] vector = entry.getValue();
            if (vector == null || vector.length == 0) {
                throw new InvalidInputException("Gene '" + entry.getKey() + "' has an empty embedding.");
            }
            if (dim < 0) {
                dim = vector.length;
            } else if (vector.length != dim) {
                throw new InvalidInputException("Gene '" + entry.getKey() + "' has an embedding of " + vector.length
                        + " dimensions, others have " + dim + ": embed all genes with the same model.");
            }
            String key = normalise(entry.getKey());
            if (vectors.put(key, vector) != null) {
                throw new InvalidInputException("Gene symbol '" + entry.getKey() + "' appears twice (symbols are "
                        + "matched case-insensitively): keep one embedding per gene.");
            }
        }
        this.dimension = dim;
    }

    /** Length of every gene and cell embedding. */
    public int dimension() {
        return dimension;
    }

    /** Whether {@code symbol} has an embedding. */
    public boolean hasGene(String symbol) {
        return symbol != null && vectors.containsKey(normalise(symbol));
    }

    /**
     * @param symbols the cell's top genes
     * @param weights their expression values, same length; ignored with uniform weights
     * @return the cell embedding, or {@code null} when none of the genes has an embedding or all weights are 0
     */
    public float[] embed(String[] symbols, float[] weights) {
        if (!options.uniformWeights() && weights.length != symbols.length) {
            throw new IllegalArgumentException(symbols.length + " genes but " + weights.length + " weights");
        }
        // float sums: 20-odd terms lose nothing that matters at float32 output, and the loop vectorises
        float[] cell = new float[dimension];
        double totalWeight = 0;
        for (int i = 0; i < symbols.length; i++) {
            float[] vector = symbols[i] == null ? null : vectors.get(normalise(symbols[i]));
            if (vector == null) {
                continue;
            }
            float w = options.uniformWeights() ? 1f : weights[i];
            if (w == 0) {
                continue;
            }
            totalWeight += w;
            for (int d = 0; d < dimension; d++) {
                cell[d] += w * vector[d];
            }
        }
        if (totalWeight == 0) {
            return null;
        }
        float inverse = (float) (1 / totalWeight);
        double norm = 0;
        for (int d = 0; d < dimension; d++) {
            cell[d] *= inverse;
            norm += (double) cell[d] * cell[d];
        }
        if (options.l2Normalize() && norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimension; d++) {
                cell[d] *= scale;
            }
        }
        return cell;
    }

    private static String normalise(String symbol) {
        return symbol.strip().toUpperCase(Locale.ROOT);
    }
}
