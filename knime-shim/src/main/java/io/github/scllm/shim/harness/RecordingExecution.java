package io.github.scllm.shim.harness;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeProgressMonitor;

/**
 * An execution context for tests that records every progress value and message and can be cancelled, from any thread
 * or after a given number of progress reports.
 */
public final class RecordingExecution {

    private final Recorder m_recorder = new Recorder();

    private final ExecutionContext m_context =
        ShimAccess.construct(ExecutionContext.class, new Class<?>[]{NodeProgressMonitor.class}, m_recorder);

    /**
     * @return the context to pass to a node's execute
     */
    public ExecutionContext context() {
        return m_context;
    }

    /** Requests cancellation; the next {@code checkCanceled()} throws. Safe to call from any thread. */
    public void cancel() {
        m_recorder.setExecuteCanceled();
    }

    /**
     * Requests cancellation as soon as the given number of progress values was reported, which lets a test cancel an
     * execution in the middle without timing.
     *
     * @param reports number of progress reports after which to cancel, at least 1
     * @throws IllegalArgumentException if the number is less than 1
     */
    public void cancelAfterProgressReports(final int reports) {
        if (reports < 1) {
            throw new IllegalArgumentException("Number of progress reports must be at least 1, got " + reports + ".");
        }
        synchronized (m_recorder) {
            m_recorder.m_cancelAfter = reports;
        }
    }

    /**
     * @return whether cancellation was requested
     */
    public boolean isCanceled() {
        return m_recorder.m_canceled;
    }

    /**
     * @return all progress values reported so far, in order (sub-progress mapped onto the overall range)
     */
    public List<Double> progressHistory() {
        synchronized (m_recorder) {
            return List.copyOf(m_recorder.m_progress);
        }
    }

    /**
     * @return all non-null messages reported so far, in order
     */
    public List<String> messages() {
        synchronized (m_recorder) {
            return List.copyOf(m_recorder.m_messages);
        }
    }

    private static final class Recorder implements NodeProgressMonitor {

        private final List<Double> m_progress = new ArrayList<>();

        private final List<String> m_messages = new ArrayList<>();

        private volatile boolean m_canceled;

        private int m_cancelAfter = -1;

        private Double m_last;

        private String m_lastMessage;

        @Override
        public void checkCanceled() throws CanceledExecutionException {
            if (m_canceled) {
                throw new CanceledExecutionException("Execution was canceled.");
            }
        }

        @Override
        public synchronized void setProgress(final double progress) {
            if (Double.isNaN(progress)) {
                return;
            }
            m_last = Math.max(0.0, Math.min(1.0, progress));
            m_progress.add(m_last);
            if (m_cancelAfter > 0 && m_progress.size() >= m_cancelAfter) {
                m_canceled = true;
            }
        }

        @Override
        public synchronized void setProgress(final double progress, final String message) {
            setProgress(progress);
            setMessage(message);
        }

        @Override
        public synchronized void setMessage(final String message) {
            m_lastMessage = message;
            if (message != null) {
                m_messages.add(message);
            }
        }

        @Override
        public synchronized Double getProgress() {
            return m_last;
        }

        @Override
        public synchronized String getMessage() {
            return m_lastMessage;
        }

        @Override
        public void setExecuteCanceled() {
            m_canceled = true;
        }

        @Override
        public synchronized void reset() {
            m_canceled = false;
            m_last = null;
            m_lastMessage = null;
            m_progress.clear();
            m_messages.clear();
        }
    }
}
