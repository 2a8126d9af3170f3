package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBase;

/**
 * A settings tree whose sub-configs are again {@link Config}s.
 */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

    /**
     * @param key the name of this config, not null
     */
    protected Config(final String key) {
        super(key);
    }

    @Override
    public abstract Config getInstance(String key);

    @Override
    public Config getConfig(final String key) throws InvalidSettingsException {
        ConfigBase c = getConfigBase(key);
        if (c instanceof Config cfg) {
            return cfg;
        }
        throw new InvalidSettingsException("Sub-config \"" + key + "\" of \"" + getKey() + "\" has an unexpected kind.");
    }

    @Override
    public Config addConfig(final String key) {
        return (Config)addConfigBase(key);
    }
}
