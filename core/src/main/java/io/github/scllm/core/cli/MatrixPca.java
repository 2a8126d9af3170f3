package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;

import java.util.Arrays;

import picocli.CommandLine.Option;

/**
 * The PCA the cluster, umap and doublets commands compute when given a matrix: the Expression PCA fitted on every
 * cell (transductively), with the Expression PCA node's defaults.
 */
final class MatrixPca {
    @Option(names = "--log-normalised", description = "The values are already log1p(CP10k); by default they are "
        + "counts and are normalised first.")
    boolean logNormalised;

    @Option(names = "--n-pcs", defaultValue = "50", description = "Principal components (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--n-top-genes", defaultValue = "2000", description = "Highly variable genes the PCA uses, 0 for "
        + "all (default: ${DEFAULT-VALUE}).")
    int topGenes;

    /**
     * @param reader an open matrix
     * @param seed seed of the randomised SVD
     * @param progress receives the fraction done
     * @return one PCA vector per cell, in file order
     */
    float[][] compute(CellMatrixReader reader, long seed, ProgressListener progress) {
        CellData cells = CellData.read(reader, null, false, logNormalised ? ExpressionScale.LOG_NORMALIZED
            : ExpressionScale.COUNTS, CancellationToken.NONE, (f, m) -> progress.progress(0.3 * f, m));
        int[] all = new int[cells.cellCount()];
        Arrays.setAll(all, i -> i);
        ExpressionRows rows = cells.expressionRows(all);
        int k = Math.min(components, Math.min(cells.cellCount(), cells.expressionGeneCount()));
        ExpressionPca pca = ExpressionPca.fit(rows, null, PcaOptions.DEFAULTS.withComponents(k)
            .withHighlyVariableGenes(topGenes).withSeed(seed), CancellationToken.NONE,
            (f, m) -> progress.progress(0.3 + 0.7 * f, m));
        return pca.transform(rows);
    }
}
