package io.github.scllm.shim.harness;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObject;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.knime.core.node.port.PortObjectSpec;

/** A model port object for harness tests: the feature columns (spec) and the learned class labels (object). */
public final class LabelModel extends AbstractSimplePortObject {

    private LabelModelSpec m_spec;

    private String[] m_labels;

    /** For the framework. */
    public LabelModel() {
    }

    LabelModel(final LabelModelSpec spec, final String... labels) {
        m_spec = spec;
        m_labels = labels.clone();
    }

    String[] labels() {
        return m_labels.clone();
    }

    @Override
    public String getSummary() {
        return m_labels.length + " labels";
    }

    @Override
    public LabelModelSpec getSpec() {
        return m_spec;
    }

    @Override
    protected void save(final ModelContentWO model, final ExecutionMonitor exec) throws CanceledExecutionException {
        model.addStringArray("labels", m_labels);
    }

    @Override
    protected void load(final ModelContentRO model, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws InvalidSettingsException, CanceledExecutionException {
        m_labels = model.getStringArray("labels");
        m_spec = (LabelModelSpec)spec;
    }

    /** Serializer of the port object. */
    public static final class Serializer extends AbstractSimplePortObjectSerializer<LabelModel> {
    }

    /** The spec: feature column names and the embedding dimension. */
    public static final class LabelModelSpec extends AbstractSimplePortObjectSpec {

        private String[] m_columns;

        private int m_dimension;

        /** For the framework. */
        public LabelModelSpec() {
        }

        LabelModelSpec(final int dimension, final String... columns) {
            m_columns = columns.clone();
            m_dimension = dimension;
        }

        String[] columns() {
            return m_columns.clone();
        }

        int dimension() {
            return m_dimension;
        }

        @Override
        protected void save(final ModelContentWO model) {
            model.addStringArray("columns", m_columns);
            model.addModelContent("shape").addInt("dimension", m_dimension);
        }

        @Override
        protected void load(final ModelContentRO model) throws InvalidSettingsException {
            m_columns = model.getStringArray("columns");
            m_dimension = model.getModelContent("shape").getInt("dimension");
        }

        /** Serializer of the spec. */
        public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<LabelModelSpec> {
        }
    }
}
