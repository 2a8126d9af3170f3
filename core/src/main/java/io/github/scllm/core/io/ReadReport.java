package io.github.scllm.core.io;

import java.util.List;

/**
 * Counts gathered while reading, for warnings.
 *
 * @param invalidValues negative or non-finite values kept under {@link InvalidValuePolicy#WARN}
 * @param skippedFeatures features dropped because they are not of type "Gene Expression"
 * @param explicitZeros zeros stored explicitly in a sparse file; they are not passed on in {@link CellChunk}s but
 *        count as stored values (as scipy's {@code nnz} does)
 * @param cellsWithoutMetadata cells of a delimited table that have no row in the metadata table joined to it
 * @param summedGenes symbols that named several gene columns, whose values were summed per cell into one gene
 */
public record ReadReport(long invalidValues, int skippedFeatures, long explicitZeros, int cellsWithoutMetadata,
    List<String> summedGenes) {
    public static final ReadReport EMPTY = new ReadReport(0, 0, 0, 0);

    public ReadReport {
        summedGenes = List.copyOf(summedGenes);
    }

    /** No summed genes. */
    public ReadReport(long invalidValues, int skippedFeatures, long explicitZeros, int cellsWithoutMetadata) {
        this(invalidValues, skippedFeatures, explicitZeros, cellsWithoutMetadata, List.of());
    }

    /** The first two counts only; the others are zero. */
    public ReadReport(long invalidValues, int skippedFeatures) {
        this(invalidValues, skippedFeatures, 0, 0);
    }

    /** @return this report with the symbols whose columns were summed */
    ReadReport withSummedGenes(List<String> symbols) {
        return new ReadReport(invalidValues, skippedFeatures, explicitZeros, cellsWithoutMetadata, symbols);
    }

    /**
     * @return a warning naming the summed symbols (the first five), or null when every symbol was distinct
     */
    public String summedGenesWarning() {
        if (summedGenes.isEmpty()) {
            return null;
        }
        return summedGenes.size() + " gene symbols name more than one column (" + String.join(", ",
            summedGenes.subList(0, Math.min(5, summedGenes.size()))) + (summedGenes.size() > 5 ? ", …" : "")
            + "); each symbol's columns were summed per cell into one gene.";
    }
}
