package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

/**
 * Read access to a config with sub-configs.
 */
public interface ConfigRO extends ConfigBaseRO {

    Config getConfig(String key) throws InvalidSettingsException;
}
