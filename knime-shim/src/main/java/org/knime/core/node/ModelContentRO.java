package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;

/**
 * Read access to the content of a model (port object or spec).
 */
public interface ModelContentRO extends ConfigRO {

    ModelContentRO getModelContent(String key) throws InvalidSettingsException;
}
