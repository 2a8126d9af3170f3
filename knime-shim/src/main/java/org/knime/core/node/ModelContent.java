package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;
import org.knime.core.node.config.base.ConfigBase;

/**
 * A settings tree holding a model's content, e.g. a port object's state.
 */
public class ModelContent extends Config implements ModelContentRO, ModelContentWO {

    /**
     * @param key the name of the content, not null
     */
    public ModelContent(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new ModelContent(key);
    }

    @Override
    public ModelContentWO addModelContent(final String key) {
        return (ModelContent)addConfigBase(key);
    }

    @Override
    public ModelContentRO getModelContent(final String key) throws InvalidSettingsException {
        ConfigBase c = getConfigBase(key);
        if (c instanceof ModelContent mc) {
            return mc;
        }
        throw new InvalidSettingsException("Sub-config \"" + key + "\" of \"" + getKey() + "\" is not model content.");
    }

    /**
     * Reads model content written in the XML config format.
     *
     * @param in the stream, closed when done
     * @return the content; its key is the root config's key
     * @throws IOException if the stream cannot be read or is not an XML config
     */
    public static ModelContentRO loadFromXML(final InputStream in) throws IOException {
        ModelContent tmp = new ModelContent("ignored");
        tmp.load(in);
        return tmp;
    }
}
