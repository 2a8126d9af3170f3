package io.github.scllm.core.io;

/**
 * Counts gathered while reading, for warnings.
 *
 * @param invalidValues negative or non-finite values kept under {@link InvalidValuePolicy#WARN}
 * @param skippedFeatures features dropped because they are not of type "Gene Expression"
 */
public record ReadReport(long invalidValues, int skippedFeatures) {
    public static final ReadReport EMPTY = new ReadReport(0, 0);
}
