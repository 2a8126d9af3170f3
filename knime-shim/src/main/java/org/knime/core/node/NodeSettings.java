package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;
import org.knime.core.node.config.base.ConfigBase;

/**
 * The settings tree a node saves its configuration into.
 */
public class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {

    /**
     * @param key the name of the settings, not null
     */
    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new NodeSettings(key);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return (NodeSettings)addConfigBase(key);
    }

    @Override
    public void addNodeSettings(final NodeSettings settings) {
        settings.copyTo((NodeSettings)addConfigBase(settings.getKey()));
    }

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        ConfigBase c = getConfigBase(key);
        if (c instanceof NodeSettings ns) {
            return ns;
        }
        throw new InvalidSettingsException("Sub-config \"" + key + "\" of \"" + getKey() + "\" is not node settings.");
    }

    /**
     * Reads settings written in the XML config format.
     *
     * @param in the stream, closed when done
     * @return the settings; their key is the root config's key
     * @throws IOException if the stream cannot be read or is not an XML config
     */
    public static NodeSettingsRO loadFromXML(final InputStream in) throws IOException {
        NodeSettings tmp = new NodeSettings("ignored");
        tmp.load(in);
        return tmp;
    }
}
