package io.github.scllm.core.evaluate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.ClassifierKind;
import io.github.scllm.core.classify.ClassifierOptions;
import io.github.scllm.core.classify.Classifiers;
import io.github.scllm.core.classify.CorrelationReference;
import io.github.scllm.core.classify.CorrelationReferenceOptions;
import io.github.scllm.core.refine.ContrastiveTrainer;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;
import io.github.scllm.core.refine.ProjectionHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fits one method on the training cells of a split and applies it to the test cells.
 *
 * <p>Only the labels of the training cells are read; test cells enter fitting only where the method is transductive
 * by design ({@link Method#TRANSDUCTIVE_PCA_CENTROID} fits its PCA on all cells without labels). Per method:
 * <ul>
 * <li>expression PCA: highly variable genes, z-scores (training mean and standard deviation) clipped at &plusmn;10,
 * PCA with up to 50 components, all fitted on the training cells;</li>
 * <li>logistic regression: the same genes, z-scored and clipped with training statistics, multinomial with an L2
 * penalty;</li>
 * <li>GenePT-w: each cell's top genes' vectors averaged with their log-normalised values as weights;</li>
 * <li>contrastive refinement: the SupCon projection head fitted on the training cells' vectors (per-block L2
 * normalisation and concatenation for the hybrid), applied to both;</li>
 * <li>KNN (k = 10, cosine, uniform vote unless {@link PipelineOptions#weighting} says otherwise) or nearest
 * centroid on the resulting vectors.</li>
 * </ul>
 * The inductive PCA of the last split is kept, so methods sharing it fit it once. Not thread-safe.
 */
public final class MethodPipeline {
    private final CellData cells;
    private final String[] labels;
    private final CellGenes cellGenes;
    private final GeneVectors geneVectors;
    private final PipelineOptions options;
    private float[][] textEmbeddings;
    private int[] pcaTrain;
    private long pcaSeed;
    private ExpressionPca pca;

    /**
     * @param cells the cells with their labels
     * @param cellGenes the cells' top genes, or {@code null} when no description method will be run
     * @param geneVectors the gene text vectors, or {@code null} when no description method will be run
     * @param options settings
     * @throws InvalidInputException if only one of cellGenes and geneVectors is given, or they describe another
     *         number of cells
     */
    public MethodPipeline(CellData cells, CellGenes cellGenes, GeneVectors geneVectors, PipelineOptions options) {
        if ((cellGenes == null) != (geneVectors == null)) {
            throw new InvalidInputException("Give both the cells' top genes and the gene vectors, or neither.");
        }
        if (cellGenes != null && cellGenes.cellCount() != cells.cellCount()) {
            throw new InvalidInputException("Top genes of " + cellGenes.cellCount() + " cells given for "
                    + cells.cellCount() + " cells.");
        }
        this.cells = cells;
        this.labels = cells.labels();
        this.cellGenes = cellGenes;
        this.geneVectors = geneVectors;
        this.options = options;
    }

    /**
     * Fits the method on the training cells and predicts the test cells.
     *
     * @param method the method
     * @param train 0-based indices of labelled training cells, at least 2
     * @param test 0-based indices of the cells to predict, at least 1
     * @param seed seed of the PCA, the projection head and the random control
     * @param cancel polled by every fitting step
     * @param progress receives the fraction done
     * @return the predictions for the test cells, in their order
     * @throws InvalidInputException if a training cell has no label, the method needs gene vectors that were not
     *         given, or a fitting step rejects its input
     * @throws io.github.scllm.core.CancelledException if cancelled
     */
    public MethodOutcome run(Method method, int[] train, int[] test, long seed, CancellationToken cancel,
            ProgressListener progress) {
        if (test.length < 1) {
            throw new InvalidInputException("A method needs at least 2 training and 1 test cell; got " + train.length
                    + " and " + test.length + ".");
        }
        FittedMethod fitted = fit(method, train, method == Method.TRANSDUCTIVE_PCA_CENTROID ? test : null, seed,
                cancel, sub(progress, 0, 0.9));
        FittedMethod.BatchPrediction p = fitted.predict(cells.batch(test), cancel, sub(progress, 0.9, 1));
        List<String> notes = new ArrayList<>();
        if (p.cellsWithoutGeneVector() > 0) {
            notes.add(p.cellsWithoutGeneVector() + " of " + test.length + " test cells have no described top gene "
                    + "(zero vector)");
        }
        notes.addAll(fitted.notes());
        progress.progress(1, method.id() + " done");
        return new MethodOutcome(method, p.rawLabels(), p.confidence(), p.vectors(), fitted.vectorSpace(), notes);
    }

    /**
     * Fits the method on the training cells: the model that {@link FittedMethod#predict} applies to cells of this
     * data's gene space, in any number of batches.
     *
     * @param method the method
     * @param train 0-based indices of labelled training cells, at least 2
     * @param unlabelled 0-based indices of the cells a transductive method also fits on (their labels unread), or
     *        {@code null}; required by {@link Method#TRANSDUCTIVE_PCA_CENTROID} and ignored by the others
     * @param seed seed of the PCA, the projection head and the random control
     * @param cancel polled by every fitting step
     * @param progress receives the fraction done
     * @return the fitted method
     * @throws InvalidInputException if a training cell has no label, the method needs gene vectors that were not
     *         given or unlabelled cells that were not given, or a fitting step rejects its input
     * @throws io.github.scllm.core.CancelledException if cancelled
     */
    public FittedMethod fit(Method method, int[] train, int[] unlabelled, long seed, CancellationToken cancel,
            ProgressListener progress) {
        if (train.length < 2) {
            throw new InvalidInputException("A method needs at least 2 training cells; got " + train.length + ".");
        }
        String[] y = new String[train.length];
        for (int i = 0; i < train.length; i++) {
            y[i] = labels[train[i]];
            if (y[i] == null) {
                throw new InvalidInputException("Training cell " + cells.cellIds()[train[i]] + " has no label.");
            }
        }
        if (method.needsGeneVectors() && geneVectors == null) {
            throw new InvalidInputException("Method " + method.id() + " needs gene descriptions and a text embedding "
                    + "model; give description files.");
        }
        if (method == Method.TRANSDUCTIVE_PCA_CENTROID && (unlabelled == null || unlabelled.length == 0)) {
            throw new InvalidInputException("Method " + method.id() + " fits its PCA on the query cells too, so it "
                    + "cannot be fitted on a reference alone; choose an inductive method, or label the query with "
                    + "scllm annotate.");
        }
        List<String> notes = new ArrayList<>();
        ClassifierOptions knn = ClassifierOptions.DEFAULTS.withK(Math.min(options.k(), train.length))
                .withWeighting(options.weighting()).withThreads(options.threads());
        return switch (method) {
            case EXPRESSION_PCA_KNN -> {
                ExpressionPca p = inductivePca(train, seed, cancel, sub(progress, 0, 0.7));
                yield classify(method, List.of(new FittedMethod.PcaFeature(p)), null,
                        p.transform(cells.expressionRows(train)), y, knn, "pca-" + p.components(), notes, cancel);
            }
            case LOGISTIC_REGRESSION -> logisticRegression(train, y, seed, notes, cancel, progress);
            case DESCRIPTION_KNN -> classify(method, List.of(textFeature(geneVectors)), null,
                    rows(textEmbeddings(cancel), train), y, knn, "genept-w-" + geneVectors.dimension(), notes, cancel);
            case DESCRIPTION_CONTRASTIVE_KNN -> refined(method, List.of(textFeature(geneVectors)),
                    List.<float[][]>of(rows(textEmbeddings(cancel), train)), y, seed, knn, notes, cancel, progress);
            case RANDOM_VECTORS_CONTRASTIVE_KNN -> {
                GeneVectors random = geneVectors.randomControl(seed);
                yield refined(method, List.of(textFeature(random)),
                        List.<float[][]>of(cellGenes.embed(train, random)), y, seed, knn, notes, cancel, progress);
            }
            case HYBRID_CONTRASTIVE_KNN -> hybrid(method, geneVectors, rows(textEmbeddings(cancel), train), train, y,
                    seed, knn, notes, cancel, progress);
            case RANDOM_HYBRID_CONTRASTIVE_KNN -> {
                GeneVectors random = geneVectors.randomControl(seed);
                yield hybrid(method, random, cellGenes.embed(train, random), train, y, seed, knn, notes, cancel,
                        progress);
            }
            case TRANSDUCTIVE_PCA_CENTROID -> {
                ExpressionPca p = ExpressionPca.fit(cells.expressionRows(train), cells.expressionRows(unlabelled),
                        pcaOptions(train.length + unlabelled.length, seed).withTransductive(true), cancel,
                        sub(progress, 0, 0.8));
                yield classify(method, List.of(new FittedMethod.PcaFeature(p)), null,
                        p.transform(cells.expressionRows(train)), y, knn.withKind(ClassifierKind.NEAREST_CENTROID),
                        "transductive-pca-" + p.components(), notes, cancel);
            }
            case CORRELATION_REFERENCE -> correlationReference(train, y, notes, cancel, progress);
            case RANDOM_VECTORS_KNN -> {
                GeneVectors random = geneVectors.randomControl(seed);
                yield classify(method, List.of(textFeature(random)), null, cellGenes.embed(train, random), y, knn,
                        "random-genept-w-" + random.dimension(), notes, cancel);
            }
        };
    }

    /** [PCA | GenePT-w of {@code vectors}] refined by SupCon, then KNN: the hybrid and its random-vector control. */
    private FittedMethod hybrid(Method method, GeneVectors vectors, float[][] trainText, int[] train, String[] y,
            long seed, ClassifierOptions knn, List<String> notes, CancellationToken cancel,
            ProgressListener progress) {
        ExpressionPca p = inductivePca(train, seed, cancel, sub(progress, 0, 0.2));
        List<float[][]> trainBlocks = List.of(p.transform(cells.expressionRows(train)), trainText);
        return refined(method, List.of(new FittedMethod.PcaFeature(p), textFeature(vectors)), trainBlocks, y, seed,
                knn, notes, cancel, sub(progress, 0.2, 1));
    }

    private FittedMethod.GeneEmbeddingFeature textFeature(GeneVectors vectors) {
        return new FittedMethod.GeneEmbeddingFeature(cellGenes.topN(), vectors);
    }

    /**
     * SingleR-style correlation on the expression genes: its feature step hands the classifier the marker genes'
     * log-normalised values unchanged (scaling by mean 0 and deviation 1, no clipping). Nothing is pruned, so its
     * predictions cover every cell like the other methods'; a reject threshold applies to its confidence.
     */
    private FittedMethod correlationReference(int[] train, String[] y, List<String> notes, CancellationToken cancel,
            ProgressListener progress) {
        CorrelationReference reference = CorrelationReference.fit(cells.expressionRows(train), y,
                CorrelationReferenceOptions.DEFAULTS.withPrune(false).withThreads(options.threads()), cancel,
                progress);
        int[] markers = reference.markerGenes();
        notes.add("correlation to the reference on " + markers.length + " marker genes of "
                + cells.expressionGeneCount());
        double[] zero = new double[markers.length];
        double[] one = new double[markers.length];
        Arrays.fill(one, 1);
        FittedMethod.ScaledGenesFeature values = new FittedMethod.ScaledGenesFeature(markers, zero, one,
                Double.MAX_VALUE);
        return new FittedMethod(Method.CORRELATION_REFERENCE, cells.symbols(), cells.expressionIndex().clone(),
                List.of(values), null, reference, null, notes, null, Map.of());
    }

    private FittedMethod logisticRegression(int[] train, String[] y, long seed, List<String> notes,
            CancellationToken cancel, ProgressListener progress) {
        int g = cells.expressionGeneCount();
        int[] genes;
        if (options.highlyVariableGenes() > 0 && g > options.highlyVariableGenes()) {
            genes = inductivePca(train, seed, cancel, sub(progress, 0, 0.3)).selectedGenes();
            notes.add("logistic regression on the " + genes.length + " most variable of " + g + " genes");
        } else {
            genes = new int[g];
            for (int j = 0; j < g; j++) {
                genes[j] = j;
            }
        }
        FittedMethod.ScaledGenesFeature scaled = FittedMethod.ScaledGenesFeature.fit(cells.expressionRows(train),
                genes, options.clip());
        ClassifierOptions lr = ClassifierOptions.DEFAULTS.withKind(ClassifierKind.LOGISTIC_REGRESSION)
                .withInverseRegularization(options.inverseRegularization()).withThreads(options.threads());
        return classify(Method.LOGISTIC_REGRESSION, List.of(scaled), null, scaled.apply(cells.expressionRows(train)),
                y, lr, null, notes, cancel, sub(progress, 0.3, 1));
    }

    private FittedMethod refined(Method method, List<FittedMethod.Feature> features, List<float[][]> trainBlocks,
            String[] y, long seed, ClassifierOptions knn, List<String> notes, CancellationToken cancel,
            ProgressListener progress) {
        ProjectionHead head = ContrastiveTrainer.train(trainBlocks, y, options.refine().withSeed(seed)
                .withThreads(options.threads()), cancel, sub(progress, 0, 0.85));
        notes.addAll(head.warnings());
        float[][] trainVectors = head.apply(trainBlocks, cancel, ProgressListener.NONE);
        return classify(method, features, head, trainVectors, y, knn, "supcon-" + head.outputDimension(), notes,
                cancel);
    }

    private FittedMethod classify(Method method, List<FittedMethod.Feature> features, ProjectionHead head,
            float[][] train, String[] y, ClassifierOptions classifierOptions, String space, List<String> notes,
            CancellationToken cancel) {
        return classify(method, features, head, train, y, classifierOptions, space, notes, cancel,
                ProgressListener.NONE);
    }

    private FittedMethod classify(Method method, List<FittedMethod.Feature> features, ProjectionHead head,
            float[][] train, String[] y, ClassifierOptions classifierOptions, String space, List<String> notes,
            CancellationToken cancel, ProgressListener progress) {
        Classifier c = Classifiers.fit(train, y, classifierOptions, cancel, progress);
        return new FittedMethod(method, cells.symbols(), cells.expressionIndex().clone(), features, head, c, space,
                notes, null, Map.of());
    }

    private ExpressionPca inductivePca(int[] train, long seed, CancellationToken cancel, ProgressListener progress) {
        if (pca == null || pcaSeed != seed || !Arrays.equals(pcaTrain, train)) {
            pca = ExpressionPca.fit(cells.expressionRows(train), null, pcaOptions(train.length, seed), cancel,
                    progress);
            pcaTrain = train.clone();
            pcaSeed = seed;
        }
        return pca;
    }

    private PcaOptions pcaOptions(int fittingRows, long seed) {
        int genes = options.highlyVariableGenes() == 0 ? cells.expressionGeneCount()
                : Math.min(options.highlyVariableGenes(), cells.expressionGeneCount());
        // a centred matrix of n rows has rank n - 1 at most: further components would be noise
        int components = Math.max(1, Math.min(options.pcaComponents(), Math.min(fittingRows - 1, genes)));
        return PcaOptions.DEFAULTS.withHighlyVariableGenes(options.highlyVariableGenes()).withComponents(components)
                .withSeed(seed).withThreads(options.threads());
    }

    private float[][] textEmbeddings(CancellationToken cancel) {
        if (textEmbeddings == null) {
            cancel.check();
            int[] all = new int[cells.cellCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            textEmbeddings = cellGenes.embed(all, geneVectors);
        }
        return textEmbeddings;
    }

    private static float[][] rows(float[][] all, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }

    /** @return a listener mapping [0, 1] onto [from, to] of {@code parent} */
    static ProgressListener sub(ProgressListener parent, double from, double to) {
        return (f, message) -> parent.progress(from + (to - from) * Math.max(0, Math.min(1, f)), message);
    }
}
