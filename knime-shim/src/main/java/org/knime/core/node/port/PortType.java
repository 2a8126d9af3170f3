package org.knime.core.node.port;

import java.util.Objects;

/**
 * The type of a node port: the port object class and whether the port is optional.
 */
public final class PortType {

    private final Class<? extends PortObject> m_objectClass;

    private final boolean m_optional;

    /**
     * @param objectClass the port object class
     * @deprecated obtain types from {@link PortTypeRegistry}
     */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass) {
        this(objectClass, false);
    }

    /**
     * @param objectClass the port object class
     * @param optional whether the port may stay unconnected
     * @deprecated obtain types from {@link PortTypeRegistry}
     */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass, final boolean optional) {
        m_objectClass = Objects.requireNonNull(objectClass, "port object class");
        m_optional = optional;
    }

    /**
     * @return the port object class
     */
    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    /**
     * @return the spec class, taken from the declared return type of the object's {@code getSpec()}
     */
    @SuppressWarnings("unchecked")
    public Class<? extends PortObjectSpec> getPortObjectSpecClass() {
        try {
            return (Class<? extends PortObjectSpec>)m_objectClass.getMethod("getSpec").getReturnType();
        } catch (NoSuchMethodException e) {
            return PortObjectSpec.class;
        }
    }

    /**
     * @return whether the port may stay unconnected
     */
    public boolean isOptional() {
        return m_optional;
    }

    /**
     * @return a readable name
     */
    public String getName() {
        return m_objectClass.getSimpleName();
    }

    /**
     * @param spec a spec
     * @return whether a spec of that class fits this port
     */
    public boolean acceptsPortObjectSpec(final PortObjectSpec spec) {
        return spec == null || getPortObjectSpecClass().isInstance(spec);
    }

    /**
     * @param cls a port object class
     * @return whether objects of that class fit this port
     */
    public boolean acceptsPortObjectClass(final Class<? extends PortObject> cls) {
        return m_objectClass.isAssignableFrom(cls);
    }

    /**
     * @param other another port type
     * @return whether objects of the other type fit this port
     */
    public boolean isSuperTypeOf(final PortType other) {
        return m_objectClass.isAssignableFrom(other.m_objectClass);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PortType t && t.m_objectClass == m_objectClass && t.m_optional == m_optional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_objectClass.getName(), m_optional);
    }

    @Override
    public String toString() {
        return getName() + (m_optional ? " (optional)" : "");
    }
}
