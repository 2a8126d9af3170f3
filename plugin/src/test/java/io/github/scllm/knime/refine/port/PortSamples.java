package io.github.scllm.knime.refine.port;

import java.util.List;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ContrastiveTrainer;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;
import io.github.scllm.core.refine.ProjectionHead;
import io.github.scllm.core.refine.RefineOptions;

/** Small fitted models wrapped in their port objects. */
public final class PortSamples {
    private PortSamples() {
    }

    /** @return a 3-component PCA of 40 synthetic cells over 12 genes */
    public static PcaModelPortObject pca() {
        float[][] x = LearnTestData.counts(40, 12, 3, 5);
        for (float[] row : x) {
            for (int g = 0; g < row.length; g++) {
                row[g] = (float) Math.log1p(row[g]);
            }
        }
        ExpressionPca p = ExpressionPca.fit(ExpressionRows.dense(x), null, PcaOptions.DEFAULTS.withComponents(3)
            .withHighlyVariableGenes(0).withThreads(1), CancellationToken.NONE, ProgressListener.NONE);
        return new PcaModelPortObject(new PcaModelPortObjectSpec("Expression", LearnTestData.geneNames(12), 12,
            ExpressionInput.LOG_NORMALISED, 3), p, 0, 10.0, 0, false, 40, 0);
    }

    /** @return a small head over two vector blocks (6 and 4 dimensions) */
    public static RefineModelPortObject refine() {
        float[][] a = LearnTestData.clusters(48, 6, 3, 2.0, 1);
        float[][] b = LearnTestData.clusters(48, 4, 3, 1.0, 2);
        RefineOptions o = RefineOptions.DEFAULTS.withSizes(8, 4).withBatches(16, false).withEpochs(4, 2)
            .withThreads(1);
        ProjectionHead h = ContrastiveTrainer.train(List.of(a, b), LearnTestData.labels(48, 3), o,
            CancellationToken.NONE, ProgressListener.NONE);
        return new RefineModelPortObject(new RefineModelPortObjectSpec(new String[] {"a", "b"}, new int[] {6, 4}, 4,
            "label"), h, 48);
    }
}
