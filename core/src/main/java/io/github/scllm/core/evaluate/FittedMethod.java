package io.github.scllm.core.evaluate;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.Prediction;
import io.github.scllm.core.embed.CellEmbedder;
import io.github.scllm.core.genes.TopGenes;
import io.github.scllm.core.genes.TopGenesSelector;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.ProjectionHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method fitted on labelled reference cells, holding everything that labelling further cells needs: the gene list
 * and which genes the expression steps use, the feature steps (expression PCA, scaled genes, GenePT-w gene vectors),
 * the contrastive projection head, the classifier with its reference vectors and labels, and the reject threshold
 * chosen on held-out reference cells. {@link #predict} labels one {@link CellBatch} at a time, so a query of any size
 * streams through it. {@link ModelFile} writes and reads it. Immutable; {@link #predict} may run on several batches
 * at once.
 *
 * <p>New methods extend it with further {@link Feature} kinds and classifiers; the file names each step's kind, so a
 * reader meets an unknown kind with a clear message instead of misreading it.
 */
public final class FittedMethod {
    private final Method method;
    private final String[] symbols;
    private final int[] expressionIndex;
    private final int expressionGenes;
    private final List<Feature> features;
    private final ProjectionHead head;
    private final Classifier classifier;
    private final String vectorSpace;
    private final List<String> notes;
    private final Reject reject;
    private final Map<String, String> about;

    FittedMethod(Method method, String[] symbols, int[] expressionIndex, List<Feature> features, ProjectionHead head,
            Classifier classifier, String vectorSpace, List<String> notes, Reject reject, Map<String, String> about) {
        if (symbols.length != expressionIndex.length || features.isEmpty()) {
            throw new InvalidInputException("A fitted method needs one expression index per gene and at least one "
                    + "feature step.");
        }
        this.method = method;
        this.symbols = symbols;
        this.expressionIndex = expressionIndex;
        int e = 0;
        for (int i : expressionIndex) {
            e += i >= 0 ? 1 : 0;
        }
        this.expressionGenes = e;
        this.features = List.copyOf(features);
        this.head = head;
        this.classifier = classifier;
        this.vectorSpace = vectorSpace;
        this.notes = List.copyOf(notes);
        this.reject = reject;
        this.about = Map.copyOf(about);
    }

    /**
     * The reject option chosen on reference cells held out of a preliminary fit, with what it achieved there.
     *
     * @param threshold predictions whose confidence is below it become {@link Classifier#UNKNOWN}
     * @param targetAccuracy the accuracy asked for
     * @param targetReached whether some threshold reached it on the held-out cells
     * @param calibrationCells held-out reference cells
     * @param fitCells reference cells the preliminary fit used
     * @param accuracy accuracy of the accepted held-out cells
     * @param coverage share of held-out cells accepted
     * @param ece expected calibration error of the held-out confidences before rejection
     */
    public record Reject(double threshold, double targetAccuracy, boolean targetReached, int calibrationCells,
            int fitCells, double accuracy, double coverage, double ece) {
    }

    /**
     * What the fitted method made of one batch.
     *
     * @param labels predicted label per cell, {@link Classifier#UNKNOWN} below the reject threshold
     * @param rawLabels the classifier's label before the reject threshold
     * @param confidence the classifier's confidence per cell
     * @param vectors the vectors the classifier saw, or {@code null} when the method classifies the expression itself
     * @param cellsWithoutGeneVector cells none of whose top genes has a gene vector (0 for expression methods)
     */
    public record BatchPrediction(String[] labels, String[] rawLabels, double[] confidence, float[][] vectors,
            int cellsWithoutGeneVector) {
    }

    /** One step turning a batch into vectors: a block of the classifier's (or the projection head's) input. */
    interface Feature {
        /** @return the kind written to the model file */
        String kind();

        /** Vectors of the batch's cells; {@code missing[0]} counts cells the step could not describe. */
        float[][] transform(CellBatch batch, FittedMethod model, int[] missing);
    }

    /** Principal components of the expression genes. */
    record PcaFeature(ExpressionPca pca) implements Feature {
        static final String KIND = "expression_pca";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public float[][] transform(CellBatch batch, FittedMethod model, int[] missing) {
            return pca.transform(batch.expressionRows(model.expressionIndex, model.expressionGenes));
        }
    }

    /**
     * Some expression genes z-scored with the reference mean and standard deviation and clipped: the input of the
     * logistic regression.
     */
    record ScaledGenesFeature(int[] genes, double[] mean, double[] sd, double clip) implements Feature {
        static final String KIND = "scaled_genes";

        static ScaledGenesFeature fit(ExpressionRows rows, int[] genes, double clip) {
            int m = genes.length;
            double[] mean = new double[m];
            double[] sd = new double[m];
            float[][] x = select(rows, genes);
            for (float[] row : x) {
                for (int j = 0; j < m; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < m; j++) {
                mean[j] /= x.length;
            }
            for (float[] row : x) {
                for (int j = 0; j < m; j++) {
                    double d = row[j] - mean[j];
                    sd[j] += d * d;
                }
            }
            for (int j = 0; j < m; j++) {
                sd[j] = Math.sqrt(sd[j] / x.length);
                sd[j] = sd[j] > 1e-12 ? sd[j] : 1;
            }
            return new ScaledGenesFeature(genes, mean, sd, clip);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public float[][] transform(CellBatch batch, FittedMethod model, int[] missing) {
            return apply(batch.expressionRows(model.expressionIndex, model.expressionGenes));
        }

        float[][] apply(ExpressionRows rows) {
            float[][] x = select(rows, genes);
            for (float[] row : x) {
                for (int j = 0; j < row.length; j++) {
                    double z = (row[j] - mean[j]) / sd[j];
                    row[j] = (float) Math.max(-clip, Math.min(clip, z));
                }
            }
            return x;
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
    }

    /** GenePT-w: each cell's top genes' vectors averaged with their log-normalised values as weights. */
    record GeneEmbeddingFeature(int topN, GeneVectors vectors) implements Feature {
        static final String KIND = "gene_embedding";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public float[][] transform(CellBatch batch, FittedMethod model, int[] missing) {
            TopGenesSelector selector = CellGenes.selector(model.symbols, topN);
            CellEmbedder embedder = vectors.cellEmbedder();
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < out.length; i++) {
                TopGenes t = CellGenes.select(selector, batch, i);
                float[] v = embedder.embed(t.symbols(), t.weights());
                if (v == null) {
                    missing[0]++;
                    v = new float[vectors.dimension()];
                }
                out[i] = v;
            }
            return out;
        }
    }

    /**
     * Labels a batch of cells.
     *
     * @param batch cells in this method's gene space (see {@link #symbols()})
     * @param cancel polled by the steps
     * @param progress receives the fraction of the batch done
     * @return one prediction per cell, in batch order
     * @throws io.github.scllm.core.CancelledException if cancelled
     */
    public BatchPrediction predict(CellBatch batch, CancellationToken cancel, ProgressListener progress) {
        int[] missing = new int[1];
        List<float[][]> blocks = new ArrayList<>(features.size());
        for (Feature f : features) {
            cancel.check();
            blocks.add(f.transform(batch, this, missing));
        }
        progress.progress(0.3, "Features of " + batch.size() + " cells");
        float[][] x = head == null ? blocks.get(0) : head.apply(blocks, cancel, ProgressListener.NONE);
        List<Prediction> p = classifier.predict(x, cancel, MethodPipeline.sub(progress, 0.4, 1));
        String[] raw = new String[p.size()];
        String[] labels = new String[p.size()];
        double[] conf = new double[p.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = p.get(i).label();
            conf[i] = p.get(i).confidence();
            labels[i] = reject != null && conf[i] < reject.threshold() ? Classifier.UNKNOWN : raw[i];
        }
        return new BatchPrediction(labels, raw, conf, vectorSpace == null ? null : x, missing[0]);
    }

    /**
     * @param r the reject option chosen for this fit
     * @return a copy that labels cells below its threshold {@link Classifier#UNKNOWN}
     */
    public FittedMethod withReject(Reject r) {
        return new FittedMethod(method, symbols, expressionIndex, features, head, classifier, vectorSpace, notes, r,
                about);
    }

    /**
     * @param more facts about the fit for the model file (e.g. the reference file, the label column, the text model);
     *        added to those already kept
     * @return a copy with them
     */
    public FittedMethod withAbout(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(about);
        all.putAll(more);
        return new FittedMethod(method, symbols, expressionIndex, features, head, classifier, vectorSpace, notes,
                reject, all);
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the gene symbols of the model's gene space, in order (copy) */
    public String[] symbols() {
        return symbols.clone();
    }

    /** @return number of genes the expression steps use */
    public int expressionGeneCount() {
        return expressionGenes;
    }

    /** @return whether gene {@code g} of {@link #symbols()} is one the expression steps use */
    public boolean isExpressionGene(int g) {
        return expressionIndex[g] >= 0;
    }

    /** @return the classes the classifier knows, sorted */
    public List<String> classes() {
        return classifier.classes();
    }

    /** @return a short name of the classifier's input vectors (e.g. {@code supcon-128}), or {@code null} */
    public String vectorSpace() {
        return vectorSpace;
    }

    /** @return remarks of the fit (e.g. singleton classes), possibly empty */
    public List<String> notes() {
        return notes;
    }

    /** @return the reject option, or {@code null} */
    public Reject reject() {
        return reject;
    }

    /** @return facts about the fit kept in the model file */
    public Map<String, String> about() {
        return about;
    }

    int[] expressionIndex() {
        return expressionIndex;
    }

    List<Feature> features() {
        return features;
    }

    ProjectionHead head() {
        return head;
    }

    Classifier classifier() {
        return classifier;
    }
}
