package org.knime.core.data;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable domain of a column: optional possible values and optional bounds.
 */
public final class DataColumnDomain {

    private final Set<DataCell> m_values;

    private final DataCell m_lower;

    private final DataCell m_upper;

    DataColumnDomain(final DataCell lower, final DataCell upper, final Set<? extends DataCell> values) {
        m_lower = lower;
        m_upper = upper;
        m_values = values == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /**
     * @return the possible values, or null if unknown
     */
    public Set<DataCell> getValues() {
        return m_values;
    }

    /**
     * @return whether possible values are known
     */
    public boolean hasValues() {
        return m_values != null;
    }

    /**
     * @return the lower bound or null
     */
    public DataCell getLowerBound() {
        return m_lower;
    }

    /**
     * @return the upper bound or null
     */
    public DataCell getUpperBound() {
        return m_upper;
    }

    /**
     * @return whether a lower bound is known
     */
    public boolean hasLowerBound() {
        return m_lower != null;
    }

    /**
     * @return whether an upper bound is known
     */
    public boolean hasUpperBound() {
        return m_upper != null;
    }

    /**
     * @return whether both bounds are known
     */
    public boolean hasBounds() {
        return hasLowerBound() && hasUpperBound();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnDomain d && Objects.equals(d.m_values, m_values)
            && Objects.equals(d.m_lower, m_lower) && Objects.equals(d.m_upper, m_upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_values, m_lower, m_upper);
    }

    @Override
    public String toString() {
        return "Domain[values=" + m_values + ", lower=" + m_lower + ", upper=" + m_upper + "]";
    }
}
