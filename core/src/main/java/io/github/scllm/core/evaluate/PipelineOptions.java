package io.github.scllm.core.evaluate;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.classify.VoteWeighting;
import io.github.scllm.core.refine.RefineOptions;

/**
 * Settings shared by the methods of a {@link MethodPipeline}. {@link #DEFAULTS} are the method's and the reference
 * protocol's values.
 *
 * @param pcaComponents principal components of the expression PCA, at least 1 (lowered to what the training cells
 *        allow)
 * @param highlyVariableGenes genes kept for the expression PCA and the logistic regression (0 = all)
 * @param clip z-scores of the logistic regression input are clipped to [-clip, clip]; &gt; 0
 * @param k neighbours of the KNN classifier, at least 1 (lowered to the number of training cells)
 * @param inverseRegularization logistic regression's C, &gt; 0
 * @param refine settings of the contrastive projection head (its seed is replaced by the split's seed)
 * @param threads worker threads, at least 1
 * @param weighting how the neighbours of the KNN methods (PCA, description, seed, hybrid, control) vote
 */
public record PipelineOptions(int pcaComponents, int highlyVariableGenes, double clip, int k,
        double inverseRegularization, RefineOptions refine, int threads, VoteWeighting weighting) {

    /** 50 components, 2000 genes, clip 10, k 10, C 1, the method's SupCon settings, all cores, uniform vote. */
    public static final PipelineOptions DEFAULTS = new PipelineOptions(50, 2000, 10.0, 10, 1.0, RefineOptions.DEFAULTS,
            Runtime.getRuntime().availableProcessors(), VoteWeighting.UNIFORM);

    /** @throws InvalidInputException if a value is out of range */
    public PipelineOptions {
        if (pcaComponents < 1 || highlyVariableGenes < 0 || !(clip > 0) || k < 1 || !(inverseRegularization > 0)
                || refine == null || threads < 1 || weighting == null) {
            throw new InvalidInputException("Pipeline options: components and k must be at least 1, genes not "
                    + "negative, clip and C positive, threads at least 1, and contrastive settings and the vote given.");
        }
    }

    /** @return a copy with another k */
    public PipelineOptions withK(int newK) {
        return new PipelineOptions(pcaComponents, highlyVariableGenes, clip, newK, inverseRegularization, refine,
                threads, weighting);
    }

    /** @return a copy with other contrastive settings */
    public PipelineOptions withRefine(RefineOptions newRefine) {
        return new PipelineOptions(pcaComponents, highlyVariableGenes, clip, k, inverseRegularization, newRefine,
                threads, weighting);
    }

    /** @return a copy with another thread count, applied to the contrastive settings too */
    public PipelineOptions withThreads(int newThreads) {
        return new PipelineOptions(pcaComponents, highlyVariableGenes, clip, k, inverseRegularization,
                refine.withThreads(newThreads), newThreads, weighting);
    }

    /** @return a copy whose KNN methods vote this way */
    public PipelineOptions withWeighting(VoteWeighting newWeighting) {
        return new PipelineOptions(pcaComponents, highlyVariableGenes, clip, k, inverseRegularization, refine,
                threads, newWeighting);
    }
}
