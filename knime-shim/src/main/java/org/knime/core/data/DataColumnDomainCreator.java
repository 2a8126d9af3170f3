package org.knime.core.data;

import java.util.Set;

/**
 * Builds a {@link DataColumnDomain}.
 */
public final class DataColumnDomainCreator {

    private Set<? extends DataCell> m_values;

    private DataCell m_lower;

    private DataCell m_upper;

    /** Creates a creator for an empty domain. */
    public DataColumnDomainCreator() {
    }

    /**
     * @param domain the domain to start from
     */
    public DataColumnDomainCreator(final DataColumnDomain domain) {
        this(domain.getValues(), domain.getLowerBound(), domain.getUpperBound());
    }

    /**
     * @param values the possible values, may be null
     */
    public DataColumnDomainCreator(final Set<? extends DataCell> values) {
        m_values = values;
    }

    /**
     * @param lower lower bound, may be null
     * @param upper upper bound, may be null
     */
    public DataColumnDomainCreator(final DataCell lower, final DataCell upper) {
        m_lower = lower;
        m_upper = upper;
    }

    /**
     * @param values the possible values, may be null
     * @param lower lower bound, may be null
     * @param upper upper bound, may be null
     */
    public DataColumnDomainCreator(final Set<? extends DataCell> values, final DataCell lower,
        final DataCell upper) {
        m_values = values;
        m_lower = lower;
        m_upper = upper;
    }

    /**
     * @param values the possible values, may be null
     */
    public void setValues(final Set<? extends DataCell> values) {
        m_values = values;
    }

    /**
     * @param lower lower bound, may be null
     */
    public void setLowerBound(final DataCell lower) {
        m_lower = lower;
    }

    /**
     * @param upper upper bound, may be null
     */
    public void setUpperBound(final DataCell upper) {
        m_upper = upper;
    }

    /**
     * @return the immutable domain
     */
    public DataColumnDomain createDomain() {
        return new DataColumnDomain(m_lower, m_upper, m_values);
    }
}
