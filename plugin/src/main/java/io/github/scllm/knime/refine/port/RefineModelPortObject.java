package io.github.scllm.knime.refine.port;

import java.util.Base64;
import java.util.List;
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
import io.github.scllm.core.refine.ProjectionHead;
import io.github.scllm.core.refine.RefineOptions;
import io.github.scllm.core.refine.TrainingEpoch;

/**
 * A trained contrastive projection head: the engine's model bytes (weights, settings, training curve) and the number
 * of training rows. Immutable once created; the head is decoded once, on first use.
 */
public final class RefineModelPortObject extends AbstractSimplePortObject {
    /** The port type of contrastive refinement models. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(RefineModelPortObject.class);

    private static final String MODEL_CFG = "model";
    private static final String ROWS_CFG = "training_rows";

    private RefineModelPortObjectSpec spec;
    private byte[] model;
    private long trainingRows;
    private transient ProjectionHead decoded;

    /** For the framework's deserialisation. */
    public RefineModelPortObject() {
    }

    /**
     * @param spec the spec (input columns and dimensions)
     * @param head the trained head
     * @param trainingRows number of rows the learner saw (training and validation)
     */
    public RefineModelPortObject(RefineModelPortObjectSpec spec, ProjectionHead head, long trainingRows) {
        this.spec = spec;
        this.model = head.toBytes();
        this.decoded = head;
        this.trainingRows = trainingRows;
    }

    /** @return the trained head */
    public synchronized ProjectionHead head() {
        if (decoded == null) {
            decoded = ProjectionHead.fromBytes(model);
        }
        return decoded;
    }

    @Override
    public RefineModelPortObjectSpec getSpec() {
        return spec;
    }

    @Override
    public String getSummary() {
        ProjectionHead h = head();
        RefineOptions o = h.options();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Contrastive projection head %d -> %d -> %d on columns %s (dimensions "
            + "%s), trained on %d rows. Settings: temperature %s, learning rate %s, weight decay %s, batch %d%s, up "
            + "to %d epochs, patience %d, validation fraction %s, seed %d.", h.inputDimension(), o.hidden(),
            h.outputDimension(), List.of(spec.columns()), java.util.Arrays.toString(h.blockDimensions()),
            trainingRows, o.temperature(), o.learningRate(), o.weightDecay(), o.batchSize(),
            o.balancedBatches() ? " (class-balanced)" : "", o.maxEpochs(), o.patience(), o.validationFraction(),
            o.seed()));
        List<TrainingEpoch> curve = h.trainingCurve();
        if (!curve.isEmpty()) {
            TrainingEpoch last = curve.get(curve.size() - 1);
            TrainingEpoch best = curve.get(Math.max(0, Math.min(curve.size(), h.bestEpoch()) - 1));
            sb.append(String.format(Locale.ROOT, " Ran %d epochs; kept epoch %d (training loss %.4f, validation loss "
                + "%.4f); last epoch: training loss %.4f, validation loss %.4f.", curve.size(), h.bestEpoch(),
                best.trainLoss(), best.validationLoss(), last.trainLoss(), last.validationLoss()));
        }
        if (!h.singletonClasses().isEmpty()) {
            sb.append(" Classes with a single training cell: ").append(h.singletonClasses()).append('.');
        }
        for (String w : h.warnings()) {
            sb.append(' ').append(w);
        }
        return sb.toString();
    }

    @Override
    protected void save(ModelContentWO content, ExecutionMonitor exec) {
        content.addString(MODEL_CFG, Base64.getEncoder().encodeToString(model));
        content.addLong(ROWS_CFG, trainingRows);
    }

    @Override
    protected void load(ModelContentRO content, PortObjectSpec portSpec, ExecutionMonitor exec)
        throws InvalidSettingsException {
        spec = (RefineModelPortObjectSpec) portSpec;
        try {
            model = Base64.getDecoder().decode(content.getString(MODEL_CFG));
            decoded = ProjectionHead.fromBytes(model);
        } catch (IllegalArgumentException | EngineException e) {
            throw new InvalidSettingsException("The saved contrastive model is damaged: " + e.getMessage()
                + " Re-execute the Contrastive Refine Learner.", e);
        }
        trainingRows = content.getLong(ROWS_CFG);
    }

    /** Writes and reads the model in a port's zip stream. */
    public static final class Serializer extends AbstractSimplePortObjectSerializer<RefineModelPortObject> {
    }
}
