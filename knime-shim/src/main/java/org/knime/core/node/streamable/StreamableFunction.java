package org.knime.core.node.streamable;

import org.knime.core.data.DataRow;
import org.knime.core.node.ExecutionContext;

/**
 * An operator that maps each row of one streamed input to one row of one output, independently of the other rows.
 */
public abstract class StreamableFunction extends StreamableOperator {

    /** The input port read by the no-argument constructor's function. */
    public static final int DEFAULT_INPORT_INDEX = 0;

    /** The output port written by the no-argument constructor's function. */
    public static final int DEFAULT_OUTPORT_INDEX = 0;

    private final int m_inportIndex;

    private final int m_outportIndex;

    /** A function from input port {@value #DEFAULT_INPORT_INDEX} to output port {@value #DEFAULT_OUTPORT_INDEX}. */
    protected StreamableFunction() {
        this(DEFAULT_INPORT_INDEX, DEFAULT_OUTPORT_INDEX);
    }

    /**
     * @param inportIndex the streamed input port
     * @param outportIndex the output port
     */
    protected StreamableFunction(final int inportIndex, final int outportIndex) {
        m_inportIndex = inportIndex;
        m_outportIndex = outportIndex;
    }

    /**
     * Calls {@link #init}, then {@link #compute(DataRow, long)} for every input row in order, pushing each result,
     * closes input and output, and calls {@link #finish} at the end, also after a failure.
     */
    @Override
    public void runFinal(final PortInput[] inputs, final PortOutput[] outputs, final ExecutionContext exec)
        throws Exception {
        RowInput in = (RowInput)inputs[m_inportIndex];
        RowOutput out = (RowOutput)outputs[m_outportIndex];
        init(exec);
        try {
            long index = 0;
            for (DataRow row = in.poll(); row != null; row = in.poll()) {
                exec.checkCanceled();
                out.push(compute(row, index));
                index++;
            }
            in.close();
            out.close();
        } finally {
            finish();
        }
    }

    /**
     * Called once before the first row.
     *
     * @param exec the execution
     * @throws Exception any failure
     */
    public void init(final ExecutionContext exec) throws Exception {
    }

    /**
     * Override this or {@link #compute(DataRow, long)}.
     *
     * @param input an input row
     * @return the output row
     * @throws Exception any failure
     */
    public DataRow compute(final DataRow input) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " must override compute(DataRow) or "
            + "compute(DataRow, long).");
    }

    /**
     * @param input an input row
     * @param rowIndex its zero-based index in the input
     * @return the output row; by default {@link #compute(DataRow)}
     * @throws Exception any failure
     */
    public DataRow compute(final DataRow input, final long rowIndex) throws Exception {
        return compute(input);
    }

    /** Called once after the last row, or after a failure. */
    public void finish() {
    }
}
