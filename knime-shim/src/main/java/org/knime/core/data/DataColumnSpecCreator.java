package org.knime.core.data;

import java.util.Arrays;
import java.util.List;

/**
 * Builds immutable {@link DataColumnSpec}s.
 */
public final class DataColumnSpecCreator {

    private String m_name;

    private DataType m_type;

    private DataColumnDomain m_domain = new DataColumnDomainCreator().createDomain();

    private DataColumnProperties m_properties = new DataColumnProperties();

    private List<String> m_elementNames;

    /**
     * @param name the column name, not null
     * @param type the column type, not null
     * @throws NullPointerException if an argument is null
     */
    public DataColumnSpecCreator(final String name, final DataType type) {
        setName(name);
        setType(type);
    }

    /**
     * @param spec a spec to copy all parts from
     */
    public DataColumnSpecCreator(final DataColumnSpec spec) {
        m_name = spec.getName();
        m_type = spec.getType();
        m_domain = spec.getDomain();
        m_properties = spec.getProperties();
        m_elementNames = spec.getElementNames();
    }

    /**
     * @param name the column name, not null
     * @throws NullPointerException if the name is null
     */
    public void setName(final String name) {
        if (name == null) {
            throw new NullPointerException("Column name must not be null.");
        }
        m_name = name;
    }

    /**
     * @param type the column type, not null
     * @throws NullPointerException if the type is null
     */
    public void setType(final DataType type) {
        if (type == null) {
            throw new NullPointerException("Column type must not be null.");
        }
        m_type = type;
    }

    /**
     * @param domain the domain; null means an empty domain
     */
    public void setDomain(final DataColumnDomain domain) {
        m_domain = domain == null ? new DataColumnDomainCreator().createDomain() : domain;
    }

    /**
     * @param props the properties; null means none
     */
    public void setProperties(final DataColumnProperties props) {
        m_properties = props == null ? new DataColumnProperties() : props;
    }

    /**
     * @param elNames names of the vector elements, not null and without null elements
     * @throws NullPointerException if the array or one of its elements is null
     */
    public void setElementNames(final String[] elNames) {
        List<String> names = Arrays.asList(elNames.clone());
        for (String n : names) {
            if (n == null) {
                throw new NullPointerException("Element names must not contain null.");
            }
        }
        m_elementNames = names;
    }

    /**
     * @return the immutable column spec
     */
    public DataColumnSpec createSpec() {
        List<String> names = m_elementNames == null ? List.of() : m_elementNames;
        return new DataColumnSpec(m_name, names, m_type, m_domain, m_properties);
    }
}
