package io.github.scllm.knime.refine.port;

import java.util.Base64;
import java.util.Locale;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.refine.ExpressionPca;

/**
 * A fitted Expression PCA: the engine's model bytes, the settings it was fitted with and the number of cells it saw.
 * Immutable once created; the engine model is decoded once, on first use.
 */
public final class PcaModelPortObject extends AbstractSimplePortObject {
    /** The port type of Expression PCA models. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(PcaModelPortObject.class);

    private static final String MODEL_CFG = "model";
    private static final String HVG_CFG = "highly_variable_genes";
    private static final String CLIP_CFG = "clip";
    private static final String SEED_CFG = "seed";
    private static final String TRANSDUCTIVE_CFG = "transductive";
    private static final String TRAINING_CELLS_CFG = "training_cells";
    private static final String QUERY_CELLS_CFG = "query_cells";

    private PcaModelPortObjectSpec spec;
    private byte[] model;
    private int highlyVariableGenes;
    private double clip;
    private long seed;
    private boolean transductive;
    private long trainingCells;
    private long queryCells;
    private transient ExpressionPca decoded;

    /** For the framework's deserialisation. */
    public PcaModelPortObject() {
    }

    /**
     * @param spec the spec (columns, genes, components)
     * @param pca the fitted model
     * @param highlyVariableGenes genes selected, 0 for all
     * @param clip z-score clip
     * @param seed seed of the randomised SVD
     * @param transductive whether query cells took part in the fit
     * @param trainingCells number of training cells
     * @param queryCells number of unlabelled query cells in the fit (0 when inductive)
     */
    public PcaModelPortObject(PcaModelPortObjectSpec spec, ExpressionPca pca, int highlyVariableGenes, double clip,
        long seed, boolean transductive, long trainingCells, long queryCells) {
        this.spec = spec;
        this.model = pca.toBytes();
        this.decoded = pca;
        this.highlyVariableGenes = highlyVariableGenes;
        this.clip = clip;
        this.seed = seed;
        this.transductive = transductive;
        this.trainingCells = trainingCells;
        this.queryCells = queryCells;
    }

    /** @return the fitted engine model */
    public synchronized ExpressionPca pca() {
        if (decoded == null) {
            decoded = ExpressionPca.fromBytes(model);
        }
        return decoded;
    }

    @Override
    public PcaModelPortObjectSpec getSpec() {
        return spec;
    }

    @Override
    public String getSummary() {
        ExpressionPca p = pca();
        double[] ratio = p.explainedVarianceRatio();
        double sum = 0;
        for (double r : ratio) {
            sum += r;
        }
        return String.format(Locale.ROOT, "Expression PCA: %d components of %d %s (of %d) from column '%s' (%s); "
            + "z-scores clipped at %s; seed %d; fitted on %d training cells%s. Explained variance: %.1f%% in "
            + "total, %.1f%% by PC1.", p.components(), p.selectedGenes().length,
            highlyVariableGenes == 0 ? "genes" : "highly variable genes", p.geneCount(), spec.column(),
            spec.inputValues(), clip, seed, trainingCells,
            transductive ? " and " + queryCells + " unlabelled query cells (transductive, centred on the training "
                + "cells)" : "", 100 * sum, ratio.length == 0 ? 0 : 100 * ratio[0]);
    }

    @Override
    protected void save(ModelContentWO content, ExecutionMonitor exec) {
        content.addString(MODEL_CFG, Base64.getEncoder().encodeToString(model));
        content.addInt(HVG_CFG, highlyVariableGenes);
        content.addDouble(CLIP_CFG, clip);
        content.addLong(SEED_CFG, seed);
        content.addBoolean(TRANSDUCTIVE_CFG, transductive);
        content.addLong(TRAINING_CELLS_CFG, trainingCells);
        content.addLong(QUERY_CELLS_CFG, queryCells);
    }

    @Override
    protected void load(ModelContentRO content, PortObjectSpec portSpec, ExecutionMonitor exec)
        throws InvalidSettingsException {
        spec = (PcaModelPortObjectSpec) portSpec;
        try {
            model = Base64.getDecoder().decode(content.getString(MODEL_CFG));
            decoded = ExpressionPca.fromBytes(model);
        } catch (IllegalArgumentException | EngineException e) {
            throw new InvalidSettingsException("The saved Expression PCA model is damaged: " + e.getMessage()
                + " Re-execute the Expression PCA Learner.", e);
        }
        highlyVariableGenes = content.getInt(HVG_CFG);
        clip = content.getDouble(CLIP_CFG);
        seed = content.getLong(SEED_CFG);
        transductive = content.getBoolean(TRANSDUCTIVE_CFG);
        trainingCells = content.getLong(TRAINING_CELLS_CFG);
        queryCells = content.getLong(QUERY_CELLS_CFG);
    }

    /** Writes and reads the model in a port's zip stream. */
    public static final class Serializer extends AbstractSimplePortObjectSerializer<PcaModelPortObject> {
    }
}
