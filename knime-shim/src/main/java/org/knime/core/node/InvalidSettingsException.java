package org.knime.core.node;

/**
 * Signals that settings are missing, of the wrong type or out of their allowed range.
 */
public class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the settings
     */
    public InvalidSettingsException(final String message) {
        super(message);
    }

    /**
     * @param cause the underlying problem
     */
    public InvalidSettingsException(final Throwable cause) {
        super(cause);
    }

    /**
     * @param message what is wrong with the settings
     * @param cause the underlying problem
     */
    public InvalidSettingsException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
