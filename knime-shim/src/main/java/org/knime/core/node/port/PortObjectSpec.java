package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

/**
 * What is known about a port's content before execution.
 */
public interface PortObjectSpec {

    /**
     * @return views of this spec, possibly empty
     */
    JComponent[] getViews();

    /**
     * Saves and loads specs of one class.
     *
     * @param <T> the spec class
     */
    abstract static class PortObjectSpecSerializer<T extends PortObjectSpec> {

        /**
         * @param portObjectSpec the spec
         * @param out the target stream
         * @throws IOException if writing fails
         */
        public abstract void savePortObjectSpec(T portObjectSpec, PortObjectSpecZipOutputStream out)
            throws IOException;

        /**
         * @param in the source stream
         * @return the spec
         * @throws IOException if reading fails
         */
        public abstract T loadPortObjectSpec(PortObjectSpecZipInputStream in) throws IOException;
    }
}
