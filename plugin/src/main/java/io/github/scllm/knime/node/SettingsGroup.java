package io.github.scllm.knime.node;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/**
 * The settings of one node, shared by its model and its dialog: the only place that names their keys. The three
 * methods have the signatures and the contract of the NodeModel methods of the same names, which delegate to them.
 */
public interface SettingsGroup {

    /**
     * Writes every setting.
     *
     * @param settings the target, not null
     */
    void saveSettingsTo(NodeSettingsWO settings);

    /**
     * Checks settings without applying them: each key on its own, then the checks across settings.
     *
     * @param settings the settings to check, not null
     * @throws InvalidSettingsException if a key is missing or a value is invalid, with a message naming the setting
     *             and what to do
     */
    void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException;

    /**
     * Applies settings that passed {@link #validateSettings(NodeSettingsRO)}.
     *
     * @param settings validated settings, not null
     * @throws InvalidSettingsException if a key cannot be read
     */
    void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException;
}
