package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * The content passed along a connection after execution.
 */
public interface PortObject {

    /**
     * @return a short summary shown in tooltips
     */
    String getSummary();

    /**
     * @return the spec describing this object
     */
    PortObjectSpec getSpec();

    /**
     * @return views of this object, possibly empty
     */
    JComponent[] getViews();

    /**
     * Saves and loads port objects of one class.
     *
     * @param <T> the port object class
     */
    abstract static class PortObjectSerializer<T extends PortObject> {

        /**
         * @param portObject the object
         * @param out the target stream
         * @param exec for progress and cancellation
         * @throws IOException if writing fails
         * @throws CanceledExecutionException if cancelled
         */
        public abstract void savePortObject(T portObject, PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;

        /**
         * @param in the source stream
         * @param spec the already loaded spec
         * @param exec for progress and cancellation
         * @return the object
         * @throws IOException if reading fails
         * @throws CanceledExecutionException if cancelled
         */
        public abstract T loadPortObject(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;
    }
}
