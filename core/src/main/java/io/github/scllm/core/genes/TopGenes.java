package io.github.scllm.core.genes;

/**
 * The top genes of one cell, most expressed first.
 *
 * @param cell index of the cell in the whole matrix
 * @param genes gene (column) indices
 * @param symbols their symbols
 * @param weights their values after normalisation, descending
 */
public record TopGenes(long cell, int[] genes, String[] symbols, float[] weights) {

    /** @return the number of genes reported (at most the requested number; fewer when the cell has fewer non-zeros) */
    public int size() {
        return genes.length;
    }

    /** @return the symbols in order of expression, separated by single spaces (empty for a cell without genes) */
    public String sentence() {
        return String.join(" ", symbols);
    }
}
