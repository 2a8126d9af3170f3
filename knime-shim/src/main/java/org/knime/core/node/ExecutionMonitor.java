package org.knime.core.node;

import java.util.function.Supplier;

/**
 * Reports progress of an execution and tells it whether it was cancelled. Sub-monitors map their progress [0, 1]
 * onto a fraction of their parent's range.
 */
public class ExecutionMonitor {

    private final NodeProgressMonitor m_monitor;

    /** Creates a monitor that reports nowhere. */
    public ExecutionMonitor() {
        this(new DefaultNodeProgressMonitor());
    }

    /**
     * @param progress where progress goes and cancellation comes from, not null
     */
    public ExecutionMonitor(final NodeProgressMonitor progress) {
        if (progress == null) {
            throw new NullPointerException("Progress monitor must not be null.");
        }
        m_monitor = progress;
    }

    /**
     * @return the underlying progress monitor
     */
    public NodeProgressMonitor getProgressMonitor() {
        return m_monitor;
    }

    /**
     * @throws CanceledExecutionException if cancellation was requested
     */
    public void checkCanceled() throws CanceledExecutionException {
        m_monitor.checkCanceled();
    }

    /**
     * @param progress a fraction in [0, 1]
     */
    public void setProgress(final double progress) {
        m_monitor.setProgress(progress);
    }

    /**
     * @param progress a fraction in [0, 1]
     * @param message what is being done
     */
    public void setProgress(final double progress, final String message) {
        m_monitor.setProgress(progress, message);
    }

    /**
     * @param progress a fraction in [0, 1]
     * @param messageSupplier supplies what is being done
     */
    public void setProgress(final double progress, final Supplier<String> messageSupplier) {
        m_monitor.setProgress(progress, messageSupplier == null ? null : messageSupplier.get());
    }

    /**
     * @param message what is being done
     */
    public void setProgress(final String message) {
        m_monitor.setMessage(message);
    }

    /**
     * @param message what is being done
     */
    public void setMessage(final String message) {
        m_monitor.setMessage(message);
    }

    /**
     * @param maxProg the share of this monitor's range the sub-monitor covers, in [0, 1]
     * @return a monitor whose progress 1 advances this one by {@code maxProg}
     * @throws IllegalArgumentException if the share is outside [0, 1]
     */
    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(new SubProgressMonitor(m_monitor, checkShare(maxProg), false));
    }

    /**
     * @param maxProg the share of this monitor's range, in [0, 1]
     * @return a sub-monitor that advances progress but does not forward messages
     * @throws IllegalArgumentException if the share is outside [0, 1]
     */
    public ExecutionMonitor createSilentSubProgress(final double maxProg) {
        return new ExecutionMonitor(new SubProgressMonitor(m_monitor, checkShare(maxProg), true));
    }

    static double checkShare(final double maxProg) {
        if (!(maxProg >= 0 && maxProg <= 1)) {
            throw new IllegalArgumentException("Sub-progress share must be in [0, 1], got " + maxProg + ".");
        }
        return maxProg;
    }

    /** Maps progress onto a share of a parent monitor; cancellation is the parent's. */
    static final class SubProgressMonitor implements NodeProgressMonitor {

        private final NodeProgressMonitor m_parent;

        private final double m_share;

        private final boolean m_silent;

        private final double m_start;

        private volatile Double m_progress;

        private volatile String m_message;

        SubProgressMonitor(final NodeProgressMonitor parent, final double share, final boolean silent) {
            m_parent = parent;
            m_share = share;
            m_silent = silent;
            Double p = parent.getProgress();
            m_start = p == null ? 0.0 : p;
        }

        @Override
        public void checkCanceled() throws CanceledExecutionException {
            m_parent.checkCanceled();
        }

        @Override
        public synchronized void setProgress(final double progress) {
            if (Double.isNaN(progress)) {
                return;
            }
            double p = Math.max(0.0, Math.min(1.0, progress));
            m_progress = p;
            m_parent.setProgress(Math.min(1.0, m_start + p * m_share));
        }

        @Override
        public void setProgress(final double progress, final String message) {
            setProgress(progress);
            setMessage(message);
        }

        @Override
        public void setMessage(final String message) {
            m_message = message;
            if (!m_silent) {
                m_parent.setMessage(message);
            }
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
            m_parent.setExecuteCanceled();
        }

        @Override
        public void reset() {
            m_progress = null;
            m_message = null;
        }
    }
}
