package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/**
 * Write access to the content of a model (port object or spec).
 */
public interface ModelContentWO extends ConfigWO {

    ModelContentWO addModelContent(String key);
}
