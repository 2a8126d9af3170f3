package org.knime.core.data;

/**
 * The cell standing for a missing value, optionally carrying the reason why the value is missing.
 */
public final class MissingCell extends DataCell {

    private static final long serialVersionUID = 1L;

    private final String m_error;

    /**
     * @param error why the value is missing, may be null
     */
    public MissingCell(final String error) {
        m_error = error;
    }

    /**
     * @return why the value is missing, or null
     */
    public String getError() {
        return m_error;
    }

    @Override
    public boolean isMissing() {
        return true;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return true;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "?";
    }
}
