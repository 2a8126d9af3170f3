package org.knime.core.node;

/**
 * Receives progress from an execution and holds its cancel request.
 */
public interface NodeProgressMonitor {

    /**
     * @throws CanceledExecutionException if cancellation was requested
     */
    void checkCanceled() throws CanceledExecutionException;

    /**
     * @param progress a fraction in [0, 1]
     */
    void setProgress(double progress);

    /**
     * @param progress a fraction in [0, 1]
     * @param message what is being done
     */
    void setProgress(double progress, String message);

    /**
     * @param message what is being done
     */
    void setMessage(String message);

    /**
     * @return the last progress, or null if none was reported
     */
    Double getProgress();

    /**
     * @return the last message, or null
     */
    String getMessage();

    /** Requests cancellation. */
    void setExecuteCanceled();

    /** Clears progress, message and the cancel request. */
    void reset();
}
