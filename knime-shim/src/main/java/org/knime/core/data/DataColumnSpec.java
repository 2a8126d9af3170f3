package org.knime.core.data;

import java.util.List;

/**
 * Immutable description of a column: name, type, domain, properties and element names. Create it through
 * {@link DataColumnSpecCreator}.
 */
public final class DataColumnSpec {

    private final String m_name;

    private final DataType m_type;

    private final DataColumnDomain m_domain;

    private final DataColumnProperties m_properties;

    private final List<String> m_elementNames;

    DataColumnSpec(final String name, final List<String> elementNames, final DataType type,
        final DataColumnDomain domain, final DataColumnProperties properties) {
        m_name = name;
        m_elementNames = List.copyOf(elementNames);
        m_type = type;
        m_domain = domain;
        m_properties = properties;
    }

    /**
     * @return the column name
     */
    public String getName() {
        return m_name;
    }

    /**
     * @return the column type
     */
    public DataType getType() {
        return m_type;
    }

    /**
     * @return the domain, never null
     */
    public DataColumnDomain getDomain() {
        return m_domain;
    }

    /**
     * @return the properties, never null
     */
    public DataColumnProperties getProperties() {
        return m_properties;
    }

    /**
     * @return the names of vector elements; by default a list holding only the column name
     */
    public List<String> getElementNames() {
        return m_elementNames;
    }

    /**
     * @param cspec another column spec
     * @return whether name and type are equal
     */
    public boolean equalStructure(final DataColumnSpec cspec) {
        return cspec != null && m_name.equals(cspec.m_name) && m_type.equals(cspec.m_type);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnSpec c && equalStructure(c) && m_domain.equals(c.m_domain)
            && m_properties.equals(c.m_properties) && m_elementNames.equals(c.m_elementNames);
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() ^ m_type.hashCode();
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
