package org.knime.core.data;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable string annotations of a column.
 */
public final class DataColumnProperties {

    private final Map<String, String> m_props;

    /** Creates empty properties. */
    public DataColumnProperties() {
        m_props = Collections.emptyMap();
    }

    /**
     * @param props the annotations, copied; keys and values must not be null
     * @throws IllegalArgumentException if a key or value is null
     */
    public DataColumnProperties(final Map<String, String> props) {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : props.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("Column property keys and values must not be null.");
            }
            copy.put(e.getKey(), e.getValue());
        }
        m_props = Collections.unmodifiableMap(copy);
    }

    /**
     * @param key the property key
     * @return the value or null
     */
    public String getProperty(final String key) {
        return m_props.get(key);
    }

    /**
     * @param key the property key
     * @param defaultValue returned when the key is absent
     * @return the value or the default
     */
    public String getProperty(final String key, final String defaultValue) {
        return m_props.getOrDefault(key, defaultValue);
    }

    /**
     * @param key the property key
     * @return whether the property is set
     */
    public boolean containsProperty(final String key) {
        return m_props.containsKey(key);
    }

    /**
     * @return the property keys
     */
    public Enumeration<String> properties() {
        return Collections.enumeration(m_props.keySet());
    }

    /**
     * @return the number of properties
     */
    public int size() {
        return m_props.size();
    }

    /**
     * @param newProps properties to add or replace
     * @return new properties holding this object's entries overwritten by the given ones
     */
    public DataColumnProperties cloneAndOverwrite(final Map<String, String> newProps) {
        Map<String, String> m = new LinkedHashMap<>(m_props);
        m.putAll(newProps);
        return new DataColumnProperties(m);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnProperties p && p.m_props.equals(m_props);
    }

    @Override
    public int hashCode() {
        return m_props.hashCode();
    }

    @Override
    public String toString() {
        return m_props.toString();
    }
}
