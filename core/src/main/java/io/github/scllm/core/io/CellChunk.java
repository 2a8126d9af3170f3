package io.github.scllm.core.io;

/**
 * A run of consecutive cells in sparse row form (CSR): cell {@code i} of the chunk holds the genes
 * {@code genes[offsets[i]..offsets[i+1])} with the values at the same positions. Gene indices ascend within a cell
 * and zeros are not stored.
 *
 * @param firstCell index of the first cell in the whole matrix
 * @param offsets {@code count()+1} offsets into {@code genes} and {@code values}
 * @param genes gene (column) indices
 * @param values expression values
 */
public record CellChunk(long firstCell, int[] offsets, int[] genes, float[] values) {

    public int count() {
        return offsets.length - 1;
    }

    /** @return the number of stored values of cell {@code i} of this chunk */
    public int storedValues(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** @return a copy of the gene indices of cell {@code i} of this chunk */
    public int[] genesOf(int i) {
        return java.util.Arrays.copyOfRange(genes, offsets[i], offsets[i + 1]);
    }

    /** @return a copy of the values of cell {@code i} of this chunk */
    public float[] valuesOf(int i) {
        return java.util.Arrays.copyOfRange(values, offsets[i], offsets[i + 1]);
    }
}
