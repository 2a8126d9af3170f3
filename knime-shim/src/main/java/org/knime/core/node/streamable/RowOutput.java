package org.knime.core.node.streamable;

import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;

/**
 * The rows of a table output, written one at a time.
 */
public abstract class RowOutput extends PortOutput {

    /** Creates an output. */
    public RowOutput() {
    }

    /**
     * @param row the next output row
     * @throws InterruptedException if interrupted while waiting for downstream (the execution was cancelled)
     */
    public abstract void push(DataRow row) throws InterruptedException;

    /**
     * Pushes every row of a table and closes the output.
     *
     * @param table the whole output
     * @throws InterruptedException if interrupted while pushing
     */
    public void setFully(final BufferedDataTable table) throws InterruptedException {
        for (DataRow row : table) {
            push(row);
        }
        close();
    }

    /**
     * Tells the downstream that all rows were pushed.
     *
     * @throws InterruptedException if interrupted while waiting for downstream
     */
    public abstract void close() throws InterruptedException;
}
