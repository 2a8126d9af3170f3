package io.github.scllm.shim.harness;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.PortInput;
import org.knime.core.node.streamable.PortObjectInput;
import org.knime.core.node.streamable.PortObjectOutput;
import org.knime.core.node.streamable.PortOutput;
import org.knime.core.node.streamable.RowInput;
import org.knime.core.node.streamable.RowOutput;
import org.knime.core.node.streamable.StreamableOperator;

/**
 * Runs a node's streamable operators as KNIME's streaming executor does, for node tests: the node is configured, the
 * rows of each distributed streamable input are split into contiguous partitions, one operator per partition (created
 * by {@code createStreamableOperator}) reads them row by row while non-streamed inputs arrive whole, and the rows
 * each operator pushes are concatenated in partition order. Partitions run one after the other.
 */
public final class Streaming {

    private Streaming() {
    }

    /**
     * @param model the node model, with its settings loaded
     * @param exec the execution every operator gets
     * @param partitions number of partitions, at least 1; more than one needs every streamed input and every output
     *            to be distributable
     * @param inObjects the inputs
     * @return the outputs: tables of the pushed rows (with the specs configure returned), or the objects set
     * @throws InvalidSettingsException if configure or {@code createStreamableOperator} rejects the inputs
     * @throws IllegalArgumentException if the node cannot be run with that many partitions
     * @throws IllegalStateException if an operator leaves an output unclosed or unset, or pushes after closing
     * @throws Exception whatever an operator throws
     */
    public static PortObject[] run(final NodeModel model, final RecordingExecution exec, final int partitions,
        final PortObject... inObjects) throws Exception {
        if (partitions < 1) {
            throw new IllegalArgumentException("At least one partition is needed, got " + partitions + ".");
        }
        PortObjectSpec[] inSpecs = new PortObjectSpec[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            inSpecs[i] = inObjects[i] == null ? null : inObjects[i].getSpec();
        }
        PortObjectSpec[] outSpecs = NodeHarness.configure(model, inSpecs);
        InputPortRole[] inRoles = model.getInputPortRoles();
        OutputPortRole[] outRoles = model.getOutputPortRoles();
        checkRoles(model, partitions, inRoles, outRoles, outSpecs);
        List<List<DataRow>> outRows = new ArrayList<>();
        PortObject[] result = new PortObject[outSpecs.length];
        for (int o = 0; o < outSpecs.length; o++) {
            outRows.add(new ArrayList<>());
        }
        for (int p = 0; p < partitions; p++) {
            StreamableOperator op = model.createStreamableOperator(new PartitionInfo(p, partitions), inSpecs);
            PortInput[] inputs = new PortInput[inObjects.length];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = inRoles[i].isStreamable()
                    ? new ListRowInput(inObjects[i].getSpec() instanceof DataTableSpec spec ? spec : null,
                        partition((BufferedDataTable)inObjects[i], p, partitions))
                    : new PortObjectInput(inObjects[i]);
            }
            PortOutput[] outputs = new PortOutput[outSpecs.length];
            for (int o = 0; o < outputs.length; o++) {
                outputs[o] = isTable(model, o) ? new ListRowOutput(outRows.get(o)) : new PortObjectOutput();
            }
            op.runFinal(inputs, outputs, exec.context());
            for (int o = 0; o < outputs.length; o++) {
                if (outputs[o] instanceof ListRowOutput rows && !rows.m_closed) {
                    throw new IllegalStateException("The operator of partition " + p + " did not close output "
                        + o + ".");
                }
                if (outputs[o] instanceof PortObjectOutput objects) {
                    if (objects.getPortObject() == null) {
                        throw new IllegalStateException("The operator of partition " + p + " set no object at "
                            + "output " + o + ".");
                    }
                    result[o] = objects.getPortObject();
                }
            }
        }
        for (int o = 0; o < result.length; o++) {
            if (result[o] == null) {
                result[o] = Tables.table((DataTableSpec)outSpecs[o], outRows.get(o));
            }
        }
        return result;
    }

    private static boolean isTable(final NodeModel model, final int outPort) {
        return BufferedDataTable.class.isAssignableFrom(
            NodeHarness.outPortTypes(model).get(outPort).getPortObjectClass());
    }

    private static void checkRoles(final NodeModel model, final int partitions, final InputPortRole[] inRoles,
        final OutputPortRole[] outRoles, final PortObjectSpec[] outSpecs) {
        String node = model.getClass().getSimpleName();
        for (int i = 0; i < inRoles.length; i++) {
            if (inRoles[i].isStreamable() && !BufferedDataTable.class.isAssignableFrom(
                NodeHarness.inPortTypes(model).get(i).getPortObjectClass())) {
                throw new IllegalArgumentException(node + " declares its non-table input " + i + " streamable.");
            }
            if (partitions > 1 && inRoles[i].isStreamable() && !inRoles[i].isDistributable()) {
                throw new IllegalArgumentException(node + " streams input " + i + " but cannot distribute it, so it "
                    + "runs in one partition only.");
            }
        }
        for (int o = 0; o < outRoles.length; o++) {
            if (partitions > 1 && !outRoles[o].isDistributable()) {
                throw new IllegalArgumentException(node + " writes output " + o + " in one partition only.");
            }
            if (isTable(model, o) && outSpecs[o] == null) {
                throw new IllegalArgumentException(node + " knows the spec of output " + o + " only after "
                    + "execution, so its rows cannot be streamed.");
            }
        }
    }

    /** Partition p of n: a contiguous slice, the first {@code size % n} slices one row longer. */
    private static List<DataRow> partition(final BufferedDataTable table, final int p, final int n) {
        List<DataRow> all = Tables.rows(table);
        long from = (long)all.size() * p / n;
        long to = (long)all.size() * (p + 1) / n;
        return all.subList((int)from, (int)to);
    }

    private static final class ListRowInput extends RowInput {
        private final DataTableSpec m_spec;

        private final List<DataRow> m_rows;

        private int m_next;

        private boolean m_closed;

        ListRowInput(final DataTableSpec spec, final List<DataRow> rows) {
            m_spec = spec;
            m_rows = rows;
        }

        @Override
        public DataTableSpec getDataTableSpec() {
            return m_spec;
        }

        @Override
        public DataRow poll() {
            if (m_closed) {
                throw new IllegalStateException("poll() after close() of a row input.");
            }
            return m_next < m_rows.size() ? m_rows.get(m_next++) : null;
        }

        @Override
        public void close() {
            m_closed = true;
        }
    }

    private static final class ListRowOutput extends RowOutput {
        private final List<DataRow> m_rows;

        private boolean m_closed;

        ListRowOutput(final List<DataRow> rows) {
            m_rows = rows;
        }

        @Override
        public void push(final DataRow row) {
            if (m_closed) {
                throw new IllegalStateException("push() after close() of a row output.");
            }
            m_rows.add(row);
        }

        @Override
        public void close() {
            m_closed = true;
        }
    }
}
