package org.knime.core.node.streamable;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;

/**
 * The rows of a streamed table input, read one at a time.
 */
public abstract class RowInput extends PortInput {

    /** Creates an input. */
    public RowInput() {
    }

    /**
     * @return the spec of the rows
     */
    public abstract DataTableSpec getDataTableSpec();

    /**
     * Takes the next row, waiting until it is available.
     *
     * @return the next row, or null when all rows were read
     * @throws InterruptedException if interrupted while waiting (the execution was cancelled)
     */
    public abstract DataRow poll() throws InterruptedException;

    /** Tells the upstream that no more rows will be read. */
    public abstract void close();
}
