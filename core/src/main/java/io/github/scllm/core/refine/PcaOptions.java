package io.github.scllm.core.refine;

import io.github.scllm.core.InvalidInputException;

/**
 * Settings of {@link ExpressionPca}.
 *
 * @param highlyVariableGenes genes kept, ranked by normalised dispersion; 0 keeps all genes
 * @param components principal components, at least 1
 * @param clip z-scores are clipped to [-clip, clip]; &gt; 0
 * @param powerIterations power iterations of the randomised SVD, &gt;= 0
 * @param oversampling extra random directions of the randomised SVD, &gt;= 0
 * @param seed seed of the random directions
 * @param transductive fit gene statistics and components on training and unlabelled rows together, then centre on
 *        the training rows' mean
 * @param threads worker threads, at least 1
 */
public record PcaOptions(int highlyVariableGenes, int components, double clip, int powerIterations,
        int oversampling, long seed, boolean transductive, int threads) {

    /** 2000 genes, 50 components, clip 10, 4 power iterations, oversampling 10, seed 0, inductive. */
    public static final PcaOptions DEFAULTS = new PcaOptions(2000, 50, 10.0, 4, 10, 0L, false,
            Runtime.getRuntime().availableProcessors());

    /** @throws InvalidInputException if a value is out of range */
    public PcaOptions {
        if (highlyVariableGenes < 0) {
            throw new InvalidInputException("PCA options: the number of highly variable genes must be 0 (all) or "
                    + "positive, got " + highlyVariableGenes + ".");
        }
        if (components < 1) {
            throw new InvalidInputException("PCA options: components must be at least 1, got " + components + ".");
        }
        if (!(clip > 0)) {
            throw new InvalidInputException("PCA options: the clip value must be positive, got " + clip + ".");
        }
        if (powerIterations < 0 || oversampling < 0) {
            throw new InvalidInputException("PCA options: power iterations and oversampling must not be negative.");
        }
        if (threads < 1) {
            throw new InvalidInputException("PCA options: threads must be at least 1, got " + threads + ".");
        }
    }

    /** @return a copy with another gene count (0 = all) */
    public PcaOptions withHighlyVariableGenes(int n) {
        return new PcaOptions(n, components, clip, powerIterations, oversampling, seed, transductive, threads);
    }

    /** @return a copy with another component count */
    public PcaOptions withComponents(int n) {
        return new PcaOptions(highlyVariableGenes, n, clip, powerIterations, oversampling, seed, transductive,
                threads);
    }

    /** @return a copy with another seed */
    public PcaOptions withSeed(long s) {
        return new PcaOptions(highlyVariableGenes, components, clip, powerIterations, oversampling, s, transductive,
                threads);
    }

    /** @return a copy with transduction on or off */
    public PcaOptions withTransductive(boolean t) {
        return new PcaOptions(highlyVariableGenes, components, clip, powerIterations, oversampling, seed, t,
                threads);
    }

    /** @return a copy with another thread count */
    public PcaOptions withThreads(int n) {
        return new PcaOptions(highlyVariableGenes, components, clip, powerIterations, oversampling, seed,
                transductive, n);
    }
}
