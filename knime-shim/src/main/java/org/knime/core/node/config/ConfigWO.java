package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseWO;

/**
 * Write access to a config with sub-configs.
 */
public interface ConfigWO extends ConfigBaseWO {

    Config addConfig(String key);
}
