package org.knime.core.node;

/**
 * Thrown when an execution notices that cancellation was requested.
 */
public class CanceledExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception without a message. */
    public CanceledExecutionException() {
        super();
    }

    /**
     * @param message where the execution stopped
     */
    public CanceledExecutionException(final String message) {
        super(message);
    }
}
