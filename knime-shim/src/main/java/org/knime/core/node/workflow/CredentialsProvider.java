package org.knime.core.node.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives a node access to the workflow's credentials by name.
 */
public final class CredentialsProvider {

    private final Map<String, ICredentials> m_credentials = new LinkedHashMap<>();

    CredentialsProvider(final Collection<? extends ICredentials> credentials) {
        for (ICredentials c : credentials) {
            m_credentials.put(c.getName(), c);
        }
    }

    /**
     * @param name the credentials name
     * @return the credentials
     * @throws IllegalArgumentException if no credentials of that name exist
     */
    public ICredentials get(final String name) {
        ICredentials c = m_credentials.get(name);
        if (c == null) {
            throw new IllegalArgumentException("No credentials stored to name \"" + name + "\"");
        }
        return c;
    }

    /**
     * @return the names of all available credentials
     */
    public Collection<String> listNames() {
        return Collections.unmodifiableList(new ArrayList<>(m_credentials.keySet()));
    }
}
