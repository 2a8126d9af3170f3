package org.knime.core.node;

/**
 * Thrown by a dialog when it cannot be opened for the current input, e.g. no suitable column exists.
 */
public class NotConfigurableException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why the dialog cannot open and what to do
     */
    public NotConfigurableException(final String message) {
        super(message);
    }

    /**
     * @param message why the dialog cannot open and what to do
     * @param cause the underlying problem
     */
    public NotConfigurableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
