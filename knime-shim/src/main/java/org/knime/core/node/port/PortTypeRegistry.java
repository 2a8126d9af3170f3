package org.knime.core.node.port;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out the one {@link PortType} instance per port object class and optionality.
 */
public final class PortTypeRegistry {

    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private final Map<Class<? extends PortObject>, PortType> m_required = new ConcurrentHashMap<>();

    private final Map<Class<? extends PortObject>, PortType> m_optional = new ConcurrentHashMap<>();

    private PortTypeRegistry() {
    }

    /**
     * @return the registry
     */
    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    /**
     * @param objectClass the port object class
     * @return the non-optional port type
     */
    public PortType getPortType(final Class<? extends PortObject> objectClass) {
        return getPortType(objectClass, false);
    }

    /**
     * @param objectClass the port object class
     * @param isOptional whether the port may stay unconnected
     * @return the port type
     */
    @SuppressWarnings("deprecation")
    public PortType getPortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        Map<Class<? extends PortObject>, PortType> m = isOptional ? m_optional : m_required;
        return m.computeIfAbsent(objectClass, c -> new PortType(c, isOptional));
    }
}
