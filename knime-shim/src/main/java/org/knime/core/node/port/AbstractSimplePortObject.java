package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * A port object whose state is saved into and loaded from {@link ModelContent}. Subclasses need a public no-arg
 * constructor and a nested serializer extending {@link AbstractSimplePortObjectSerializer}.
 */
public abstract class AbstractSimplePortObject implements PortObject {

    private static final String ENTRY = "content.xml";

    private static final String KEY_CONTENT = "model";

    /** Constructor for subclasses; the framework calls the public no-arg constructor before {@link #load}. */
    public AbstractSimplePortObject() {
    }

    /**
     * @param model the target
     * @param exec for progress and cancellation
     * @throws CanceledExecutionException if cancelled
     */
    protected abstract void save(ModelContentWO model, ExecutionMonitor exec) throws CanceledExecutionException;

    /**
     * @param model the source
     * @param spec the already loaded spec
     * @param exec for progress and cancellation
     * @throws InvalidSettingsException if the content is incomplete or invalid
     * @throws CanceledExecutionException if cancelled
     */
    protected abstract void load(ModelContentRO model, PortObjectSpec spec, ExecutionMonitor exec)
        throws InvalidSettingsException, CanceledExecutionException;

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    private String contentString() {
        ModelContent mc = new ModelContent(KEY_CONTENT);
        try {
            save(mc, new ExecutionMonitor());
        } catch (CanceledExecutionException e) {
            throw new IllegalStateException("Saving for comparison was cancelled.", e);
        }
        return mc.toString();
    }

    @Override
    public boolean equals(final Object o) {
        return o != null && o.getClass() == getClass()
            && contentString().equals(((AbstractSimplePortObject)o).contentString());
    }

    @Override
    public int hashCode() {
        return contentString().hashCode();
    }

    /**
     * The serializer for {@link AbstractSimplePortObject} subclasses; subclass it with the concrete class as type
     * argument.
     *
     * @param <T> the port object class
     */
    public abstract static class AbstractSimplePortObjectSerializer<T extends AbstractSimplePortObject>
        extends PortObjectSerializer<T> {

        @Override
        public final void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ModelContent root = new ModelContent("model.xml");
            root.addInt(AbstractSimplePortObjectSpec.KEY_VERSION, 1);
            root.addString(AbstractSimplePortObjectSpec.KEY_CLASS, portObject.getClass().getName());
            portObject.save(root.addModelContent(KEY_CONTENT), exec);
            out.putNextEntry(new ZipEntry(ENTRY));
            root.saveToXML(new AbstractSimplePortObjectSpec.NonClosingOutputStream(out));
            out.closeEntry();
        }

        @Override
        public final T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ZipEntry e = in.getNextEntry();
            if (e == null || !ENTRY.equals(e.getName())) {
                throw new IOException("Expected zip entry \"" + ENTRY + "\" holding a port object, found "
                    + (e == null ? "none" : "\"" + e.getName() + "\"") + ".");
            }
            ModelContentRO root = ModelContent.loadFromXML(new AbstractSimplePortObjectSpec.NonClosingInputStream(in));
            Class<T> cls = AbstractSimplePortObjectSpec.savedClass(root, getClass(), AbstractSimplePortObject.class);
            T obj = AbstractSimplePortObjectSpec.instantiate(cls);
            try {
                obj.load(root.getModelContent(KEY_CONTENT), spec, exec);
            } catch (InvalidSettingsException ex) {
                throw new IOException("Cannot load " + cls.getName() + ": " + ex.getMessage(), ex);
            }
            return obj;
        }
    }
}
