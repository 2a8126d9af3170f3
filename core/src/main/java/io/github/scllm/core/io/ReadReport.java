package io.github.scllm.core.io;

/**
 * Counts gathered while reading, for warnings.
 *
 * @param invalidValues negative or non-finite values kept under {@link InvalidValuePolicy#WARN}
 * @param skippedFeatures features dropped because they are not of type "Gene Expression"
 * @param explicitZeros zeros stored explicitly in a sparse file; they are not passed on in {@link CellChunk}s but
 *        count as stored values (as scipy's {@code nnz} does)
 * @param cellsWithoutMetadata cells of a delimited table that have no row in the metadata table joined to it
 */
public record ReadReport(long invalidValues, int skippedFeatures, long explicitZeros, int cellsWithoutMetadata) {
    public static final ReadReport EMPTY = new ReadReport(0, 0, 0, 0);

    /** The first two counts only; the others are zero. */
    public ReadReport(long invalidValues, int skippedFeatures) {
        this(invalidValues, skippedFeatures, 0, 0);
    }
}
