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
import io.github.scllm.core.classify.Prediction;
import io.github.scllm.core.refine.ContrastiveTrainer;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;
import io.github.scllm.core.refine.ProjectionHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        if (train.length < 2 || test.length < 1) {
            throw new InvalidInputException("A method needs at least 2 training and 1 test cell; got " + train.length
                    + " and " + test.length + ".");
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
        List<String> notes = new ArrayList<>();
        ClassifierOptions knn = ClassifierOptions.DEFAULTS.withK(Math.min(options.k(), train.length))
                .withWeighting(options.weighting()).withThreads(options.threads());
        return switch (method) {
            case EXPRESSION_PCA_KNN -> {
                ExpressionPca p = inductivePca(train, seed, cancel, sub(progress, 0, 0.7));
                float[][] testVectors = p.transform(cells.expressionRows(test));
                yield classify(method, p.transform(cells.expressionRows(train)), y, testVectors, knn,
                        "pca-" + p.components(), notes, cancel, sub(progress, 0.7, 1));
            }
            case LOGISTIC_REGRESSION -> logisticRegression(train, y, test, seed, notes, cancel, progress);
            case DESCRIPTION_KNN -> {
                float[][] all = textEmbeddings(cancel);
                notes(test, notes);
                yield classify(method, rows(all, train), y, rows(all, test), knn, "genept-w-" + geneVectors.dimension(),
                        notes, cancel, progress);
            }
            case DESCRIPTION_CONTRASTIVE_KNN -> {
                float[][] all = textEmbeddings(cancel);
                notes(test, notes);
                yield refined(method, List.<float[][]>of(rows(all, train)), List.<float[][]>of(rows(all, test)), y, seed, knn, notes, cancel,
                        progress);
            }
            case HYBRID_CONTRASTIVE_KNN -> {
                ExpressionPca p = inductivePca(train, seed, cancel, sub(progress, 0, 0.2));
                float[][] all = textEmbeddings(cancel);
                notes(test, notes);
                List<float[][]> trainBlocks = List.of(p.transform(cells.expressionRows(train)), rows(all, train));
                List<float[][]> testBlocks = List.of(p.transform(cells.expressionRows(test)), rows(all, test));
                yield refined(method, trainBlocks, testBlocks, y, seed, knn, notes, cancel, sub(progress, 0.2, 1));
            }
            case TRANSDUCTIVE_PCA_CENTROID -> {
                ExpressionPca p = ExpressionPca.fit(cells.expressionRows(train), cells.expressionRows(test),
                        pcaOptions(train.length + test.length, seed).withTransductive(true), cancel,
                        sub(progress, 0, 0.8));
                yield classify(method, p.transform(cells.expressionRows(train)), y,
                        p.transform(cells.expressionRows(test)), knn.withKind(ClassifierKind.NEAREST_CENTROID),
                        "transductive-pca-" + p.components(), notes, cancel, sub(progress, 0.8, 1));
            }
            case CORRELATION_REFERENCE -> correlationReference(train, y, test, notes, cancel, progress);
            case RANDOM_VECTORS_KNN -> {
                GeneVectors random = geneVectors.randomControl(seed);
                int[] both = concat(train, test);
                float[][] all = cellGenes.embed(both, random);
                yield classify(method, Arrays.copyOfRange(all, 0, train.length), y,
                        Arrays.copyOfRange(all, train.length, both.length), knn, "random-genept-w-"
                        + random.dimension(), notes, cancel, progress);
            }
        };
    }

    private MethodOutcome logisticRegression(int[] train, String[] y, int[] test, long seed, List<String> notes,
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
        float[][] xTrain = select(cells.expressionRows(train), genes);
        float[][] xTest = select(cells.expressionRows(test), genes);
        int m = genes.length;
        double[] mean = new double[m];
        double[] sd = new double[m];
        for (float[] row : xTrain) {
            for (int j = 0; j < m; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < m; j++) {
            mean[j] /= xTrain.length;
        }
        for (float[] row : xTrain) {
            for (int j = 0; j < m; j++) {
                double d = row[j] - mean[j];
                sd[j] += d * d;
            }
        }
        for (int j = 0; j < m; j++) {
            sd[j] = Math.sqrt(sd[j] / xTrain.length);
            sd[j] = sd[j] > 1e-12 ? sd[j] : 1;
        }
        standardise(xTrain, mean, sd);
        standardise(xTest, mean, sd);
        ClassifierOptions lr = ClassifierOptions.DEFAULTS.withKind(ClassifierKind.LOGISTIC_REGRESSION)
                .withInverseRegularization(options.inverseRegularization()).withThreads(options.threads());
        MethodOutcome o = classify(Method.LOGISTIC_REGRESSION, xTrain, y, xTest, lr, null, notes, cancel,
                sub(progress, 0.3, 1));
        return new MethodOutcome(o.method(), o.predicted(), o.confidence(), null, null, o.notes());
    }

    /**
     * SingleR-style correlation on the expression genes. Nothing is pruned here, so its predictions cover every test
     * cell like the other methods'; the reject option of the caller applies to its confidence.
     */
    private MethodOutcome correlationReference(int[] train, String[] y, int[] test, List<String> notes,
            CancellationToken cancel, ProgressListener progress) {
        CorrelationReference reference = CorrelationReference.fit(cells.expressionRows(train), y,
                CorrelationReferenceOptions.DEFAULTS.withPrune(false).withThreads(options.threads()), cancel,
                sub(progress, 0, 0.3));
        notes.add("correlation to the reference on " + reference.markerGenes().length + " marker genes of "
                + cells.expressionGeneCount());
        List<Prediction> p = reference.predict(cells.expressionRows(test), cancel, sub(progress, 0.3, 1));
        return outcome(Method.CORRELATION_REFERENCE, p, null, null, notes);
    }

    private void standardise(float[][] x, double[] mean, double[] sd) {
        double clip = options.clip();
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                double z = (row[j] - mean[j]) / sd[j];
                row[j] = (float) Math.max(-clip, Math.min(clip, z));
            }
        }
    }

    private static float[][] select(ExpressionRows rows, int[] genes) {
        float[] buf = new float[rows.geneCount()];
        float[][] out = new float[rows.rowCount()][genes.length];
        for (int i = 0; i < out.length; i++) {
            rows.copyRow(i, buf);
            for (int j = 0; j < genes.length; j++) {
                out[i][j] = buf[genes[j]];
            }
        }
        return out;
    }

    private MethodOutcome refined(Method method, List<float[][]> trainBlocks, List<float[][]> testBlocks, String[] y,
            long seed, ClassifierOptions knn, List<String> notes, CancellationToken cancel, ProgressListener progress) {
        ProjectionHead head = ContrastiveTrainer.train(trainBlocks, y, options.refine().withSeed(seed)
                .withThreads(options.threads()), cancel, sub(progress, 0, 0.85));
        notes.addAll(head.warnings());
        float[][] trainVectors = head.apply(trainBlocks, cancel, ProgressListener.NONE);
        float[][] testVectors = head.apply(testBlocks, cancel, ProgressListener.NONE);
        return classify(method, trainVectors, y, testVectors, knn, "supcon-" + head.outputDimension(), notes, cancel,
                sub(progress, 0.85, 1));
    }

    private static MethodOutcome classify(Method method, float[][] train, String[] y, float[][] test,
            ClassifierOptions classifierOptions, String space, List<String> notes, CancellationToken cancel,
            ProgressListener progress) {
        Classifier c = Classifiers.fit(train, y, classifierOptions, cancel, sub(progress, 0, 0.5));
        List<Prediction> p = c.predict(test, cancel, sub(progress, 0.5, 1));
        progress.progress(1, method.id() + " done");
        return outcome(method, p, space == null ? null : test, space, notes);
    }

    private static MethodOutcome outcome(Method method, List<Prediction> p, float[][] testVectors, String space,
            List<String> notes) {
        String[] labels = new String[p.size()];
        double[] conf = new double[p.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = p.get(i).label();
            conf[i] = p.get(i).confidence();
        }
        return new MethodOutcome(method, labels, conf, testVectors, space, notes);
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

    private void notes(int[] test, List<String> notes) {
        int missing = cellGenes.cellsWithoutVector(test, geneVectors);
        if (missing > 0) {
            notes.add(missing + " of " + test.length + " test cells have no described top gene (zero vector)");
        }
    }

    private static float[][] rows(float[][] all, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** @return a listener mapping [0, 1] onto [from, to] of {@code parent} */
    static ProgressListener sub(ProgressListener parent, double from, double to) {
        return (f, message) -> parent.progress(from + (to - from) * Math.max(0, Math.min(1, f)), message);
    }
}
