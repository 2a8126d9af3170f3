package org.knime.core.data.container;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.RowKey;
import org.knime.core.node.ExecutionMonitor;

/**
 * Base cell factory that holds the new column specs and reports progress. Rows are processed in order; the
 * parallel-processing flag is recorded but rows are still computed one after another.
 */
public abstract class AbstractCellFactory implements CellFactory {

    private final DataColumnSpec[] m_colSpecs;

    private boolean m_parallel;

    /**
     * @param colSpecs the new columns, not null
     */
    public AbstractCellFactory(final DataColumnSpec... colSpecs) {
        this(false, colSpecs);
    }

    /**
     * @param processConcurrently whether rows may be computed concurrently
     * @param colSpecs the new columns, not null
     */
    public AbstractCellFactory(final boolean processConcurrently, final DataColumnSpec... colSpecs) {
        if (colSpecs == null) {
            throw new NullPointerException("Column specs must not be null.");
        }
        m_colSpecs = colSpecs.clone();
        m_parallel = processConcurrently;
    }

    /**
     * @param processConcurrently whether rows may be computed concurrently
     * @param workerCount number of workers
     * @param maxQueueSize queue size
     * @param colSpecs the new columns, not null
     */
    public AbstractCellFactory(final boolean processConcurrently, final int workerCount, final int maxQueueSize,
        final DataColumnSpec... colSpecs) {
        this(processConcurrently, colSpecs);
    }

    /**
     * @param value whether rows may be computed concurrently
     */
    public void setParallelProcessing(final boolean value) {
        m_parallel = value;
    }

    /**
     * @param value whether rows may be computed concurrently
     * @param workerCount number of workers
     * @param maxQueueSize queue size
     */
    public void setParallelProcessing(final boolean value, final int workerCount, final int maxQueueSize) {
        m_parallel = value;
    }

    boolean isParallelProcessing() {
        return m_parallel;
    }

    @Override
    public DataColumnSpec[] getColumnSpecs() {
        return m_colSpecs.clone();
    }

    @Override
    @Deprecated
    public void setProgress(final int curRowNr, final int rowCount, final RowKey lastKey,
        final ExecutionMonitor exec) {
        setProgress((long)curRowNr, (long)rowCount, lastKey, exec);
    }

    @Override
    public void setProgress(final long curRowNr, final long rowCount, final RowKey lastKey,
        final ExecutionMonitor exec) {
        if (rowCount > 0) {
            exec.setProgress(curRowNr / (double)rowCount, () -> "Processed row " + curRowNr + "/" + rowCount
                + " (\"" + lastKey + "\")");
        }
    }

    /** Called once after the last row was processed. */
    public void afterProcessing() {
    }
}
