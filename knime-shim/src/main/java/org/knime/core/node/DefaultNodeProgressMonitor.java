package org.knime.core.node;

/**
 * A thread-safe progress monitor that keeps the last progress and message.
 */
public class DefaultNodeProgressMonitor implements NodeProgressMonitor {

    private volatile boolean m_canceled;

    private volatile Double m_progress;

    private volatile String m_message;

    /** Creates a monitor without progress. */
    public DefaultNodeProgressMonitor() {
    }

    @Override
    public void checkCanceled() throws CanceledExecutionException {
        if (m_canceled) {
            throw new CanceledExecutionException("Execution was canceled.");
        }
    }

    @Override
    public void setProgress(final double progress) {
        if (!Double.isNaN(progress)) {
            m_progress = Math.max(0.0, Math.min(1.0, progress));
        }
    }

    @Override
    public void setProgress(final double progress, final String message) {
        setProgress(progress);
        setMessage(message);
    }

    @Override
    public void setMessage(final String message) {
        m_message = message;
    }

    @Override
    public Double getProgress() {
        return m_progress;
    }

    @Override
    public String getMessage() {
        return m_message;
    }

    @Override
    public void setExecuteCanceled() {
        m_canceled = true;
    }

    @Override
    public void reset() {
        m_canceled = false;
        m_progress = null;
        m_message = null;
    }
}
