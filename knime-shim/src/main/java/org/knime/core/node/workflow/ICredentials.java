package org.knime.core.node.workflow;

import java.util.Optional;

/**
 * Named login credentials provided by the workflow.
 */
public interface ICredentials {

    /**
     * @return the credentials name
     */
    String getName();

    /**
     * @return the login (user name)
     */
    String getLogin();

    /**
     * @return the password or secret
     */
    String getPassword();

    /**
     * @return the second authentication factor, if any
     */
    default Optional<String> getSecondAuthenticationFactor() {
        return Optional.empty();
    }
}
