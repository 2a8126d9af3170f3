package org.knime.core.util;

/**
 * Thrown when a key that must be unique (e.g. a row key within a table) occurs twice.
 */
public class DuplicateKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String m_key;

    /**
     * @param key the repeated key
     */
    public DuplicateKeyException(final String key) {
        this("Encountered duplicate row ID \"" + key + "\"", key);
    }

    /**
     * @param message what happened
     * @param key the repeated key
     */
    public DuplicateKeyException(final String message, final String key) {
        super(message);
        m_key = key;
    }

    /**
     * @return the repeated key
     */
    public String getKey() {
        return m_key;
    }
}
