package io.github.scllm.core.qc;

import io.github.scllm.core.InvalidInputException;

import java.util.Set;

/**
 * Settings of {@link CellQc}.
 *
 * @param nmads median absolute deviations for the outlier flags (scuttle's default 3); 0 switches them off
 * @param mitochondrialGenes the mitochondrial gene symbols, or an empty set for every symbol starting with
 *        {@code MT-} (any case, so mouse {@code mt-} too)
 * @param minCounts fixed threshold: cells with fewer total counts are flagged; 0 for none
 * @param minGenes fixed threshold: cells with fewer detected genes are flagged; 0 for none
 * @param maxPctMitochondrial fixed threshold: cells with a larger mitochondrial percentage are flagged; 100 for none
 * @param minCellsPerGene gene filter: genes detected in fewer cells are flagged; 0 keeps every gene
 */
public record QcOptions(double nmads, Set<String> mitochondrialGenes, double minCounts, int minGenes,
    double maxPctMitochondrial, int minCellsPerGene) {

    /** 3 MADs, MT- prefix, no fixed thresholds, genes in at least 3 cells. */
    public static final QcOptions DEFAULTS = new QcOptions(3.0, Set.of(), 0, 0, 100, 3);

    /** @throws InvalidInputException if a value is out of its range */
    public QcOptions {
        if (!(nmads >= 0) || Double.isInfinite(nmads)) {
            throw new InvalidInputException("Cell QC: the number of MADs must be 0 (off) or positive, got " + nmads
                + ".");
        }
        if (!(minCounts >= 0) || minGenes < 0 || minCellsPerGene < 0) {
            throw new InvalidInputException("Cell QC: minimum counts, genes and cells per gene must not be negative.");
        }
        if (!(maxPctMitochondrial >= 0 && maxPctMitochondrial <= 100)) {
            throw new InvalidInputException("Cell QC: the maximum mitochondrial percentage must lie in [0, 100], got "
                + maxPctMitochondrial + ".");
        }
        mitochondrialGenes = mitochondrialGenes == null ? Set.of() : Set.copyOf(mitochondrialGenes);
    }

    /** @return a copy with another number of MADs */
    public QcOptions withNmads(double n) {
        return new QcOptions(n, mitochondrialGenes, minCounts, minGenes, maxPctMitochondrial, minCellsPerGene);
    }

    /** @return a copy with another mitochondrial gene list (empty: the MT- prefix) */
    public QcOptions withMitochondrialGenes(Set<String> genes) {
        return new QcOptions(nmads, genes, minCounts, minGenes, maxPctMitochondrial, minCellsPerGene);
    }

    /** @return a copy with other fixed thresholds */
    public QcOptions withFixedThresholds(double counts, int genes, double pctMitochondrial) {
        return new QcOptions(nmads, mitochondrialGenes, counts, genes, pctMitochondrial, minCellsPerGene);
    }

    /** @return a copy with another gene filter */
    public QcOptions withMinCellsPerGene(int cells) {
        return new QcOptions(nmads, mitochondrialGenes, minCounts, minGenes, maxPctMitochondrial, cells);
    }
}
