package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;

/**
 * What {@link MarkerGenes} computes.
 *
 * @param test the statistical test
 * @param normalization how stored values are turned into the log-scale values that are tested: {@link
 *        Normalization#LOG1P_CP10K} for raw counts (scanpy's normalize_total to 1e4 then log1p), {@link
 *        Normalization#NONE} for values that are already log-normalised (e.g. an h5ad {@code raw/X}); {@link
 *        Normalization#CP10K} is not accepted, because fold changes assume log-scale values
 * @param topPerGroup how many genes to report per group, best score first; 0 reports every gene
 * @param minGroupCells groups with fewer cells are skipped (and listed in the result); at least 2
 * @param bufferedValues how many non-zero values may be held in memory at once (8 bytes each); larger inputs are
 *        processed in blocks of genes, one extra pass over the cells per block
 */
public record MarkerOptions(MarkerTest test, Normalization normalization, int topPerGroup, int minGroupCells,
    long bufferedValues) {

    /** Wilcoxon on log1p(CP10k) of raw counts, top 100 genes, groups of at least 2 cells, 32 M buffered values. */
    public static final MarkerOptions DEFAULTS =
        new MarkerOptions(MarkerTest.WILCOXON, Normalization.LOG1P_CP10K, 100, 2, 32L << 20);

    /**
     * @throws InvalidInputException if a value is out of range
     */
    public MarkerOptions {
        if (test == null || normalization == null) {
            throw new InvalidInputException("Marker genes need a test and a normalisation; one of them is missing.");
        }
        if (normalization == Normalization.CP10K) {
            throw new InvalidInputException("Marker genes test log-scale values: choose log1p(CP10k) for raw counts "
                + "or 'none' for values that are already log-normalised, not CP10k.");
        }
        if (topPerGroup < 0) {
            throw new InvalidInputException("Genes per group is " + topPerGroup + "; use 0 for all genes or a positive "
                + "number.");
        }
        if (minGroupCells < 2) {
            throw new InvalidInputException("Minimum cells per group is " + minGroupCells + "; it must be at least 2.");
        }
        if (bufferedValues < 1) {
            throw new InvalidInputException("Buffered values is " + bufferedValues + "; it must be positive.");
        }
    }

    public MarkerOptions withTest(MarkerTest t) {
        return new MarkerOptions(t, normalization, topPerGroup, minGroupCells, bufferedValues);
    }

    public MarkerOptions withNormalization(Normalization n) {
        return new MarkerOptions(test, n, topPerGroup, minGroupCells, bufferedValues);
    }

    public MarkerOptions withTopPerGroup(int n) {
        return new MarkerOptions(test, normalization, n, minGroupCells, bufferedValues);
    }

    public MarkerOptions withMinGroupCells(int n) {
        return new MarkerOptions(test, normalization, topPerGroup, n, bufferedValues);
    }

    public MarkerOptions withBufferedValues(long n) {
        return new MarkerOptions(test, normalization, topPerGroup, minGroupCells, n);
    }
}
