package io.github.scllm.knime.node;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.workflow.CredentialsProvider;

/**
 * Reads an API key from the workflow credentials a node's settings name. The key itself is never a setting: settings
 * hold only the name of the credentials, or nothing when the key comes from an environment variable.
 */
public final class WorkflowCredentials {

    private WorkflowCredentials() {
    }

    /**
     * @param provider the node's credentials provider, null outside configure and execute
     * @param name the name of the credentials chosen in the settings, null when none is chosen
     * @return the password of those credentials, null when no name is given
     * @throws InvalidSettingsException if no credentials of that name exist or their password is empty, saying how
     *             to add them or to use an environment variable instead
     */
    public static String apiKey(CredentialsProvider provider, String name) throws InvalidSettingsException {
        if (name == null) {
            return null;
        }
        if (provider == null || !provider.listNames().contains(name)) {
            throw new InvalidSettingsException("No workflow credentials named '" + name + "': add them (workflow "
                + "context menu, Workflow Credentials) with the API key as password, or clear the credentials field "
                + "and use an environment variable.");
        }
        String key = provider.get(name).getPassword();
        if (key == null || key.isBlank()) {
            throw new InvalidSettingsException("The workflow credentials '" + name + "' have no password: enter the "
                + "API key as their password.");
        }
        return key;
    }
}
