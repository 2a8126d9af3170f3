package org.knime.core.node.port;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * A port object spec whose state is saved into and loaded from {@link ModelContent}. Subclasses need a public no-arg
 * constructor and a nested serializer extending {@link AbstractSimplePortObjectSpecSerializer}.
 */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

    private static final String ENTRY = "spec.xml";

    static final String KEY_CLASS = "class_name";

    static final String KEY_VERSION = "version";

    private static final String KEY_CONTENT = "content";

    /** Constructor for subclasses; the framework calls the public no-arg constructor before {@link #load}. */
    public AbstractSimplePortObjectSpec() {
    }

    /**
     * @param model the target
     */
    protected abstract void save(ModelContentWO model);

    /**
     * @param model the source
     * @throws InvalidSettingsException if the content is incomplete or invalid
     */
    protected abstract void load(ModelContentRO model) throws InvalidSettingsException;

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    private ModelContent contentOf() {
        ModelContent mc = new ModelContent(KEY_CONTENT);
        save(mc);
        return mc;
    }

    @Override
    public boolean equals(final Object o) {
        return o != null && o.getClass() == getClass()
            && contentOf().toString().equals(((AbstractSimplePortObjectSpec)o).contentOf().toString());
    }

    @Override
    public int hashCode() {
        return contentOf().toString().hashCode();
    }

    @SuppressWarnings("unchecked")
    static <C> Class<C> typeArgument(final Class<?> serializerClass, final Class<?> bound) {
        for (Class<?> c = serializerClass; c != null; c = c.getSuperclass()) {
            Type t = c.getGenericSuperclass();
            if (t instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> arg
                && bound.isAssignableFrom(arg)) {
                return (Class<C>)arg;
            }
        }
        throw new IllegalStateException("Serializer " + serializerClass.getName()
            + " must name its concrete class as type argument, e.g. 'extends ...Serializer<MySpec>'.");
    }

    /**
     * The class named in the saved content; it must be the serializer's type argument or a subclass of it.
     */
    @SuppressWarnings("unchecked")
    static <C> Class<C> savedClass(final ModelContentRO root, final Class<?> serializerClass, final Class<?> bound)
        throws IOException {
        Class<C> declared = typeArgument(serializerClass, bound);
        String name;
        try {
            name = root.getString(KEY_CLASS);
        } catch (InvalidSettingsException e) {
            throw new IOException("Saved port content names no class: " + e.getMessage(), e);
        }
        try {
            Class<?> c = Class.forName(name, false, declared.getClassLoader());
            if (!declared.isAssignableFrom(c)) {
                throw new IOException("Saved class " + name + " is not a " + declared.getName() + ".");
            }
            return (Class<C>)c;
        } catch (ClassNotFoundException e) {
            throw new IOException("Saved class " + name + " cannot be loaded.", e);
        }
    }

    static <C> C instantiate(final Class<C> cls) throws IOException {
        try {
            return cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("Cannot create " + cls.getName() + ": it needs a public no-arg constructor.", e);
        }
    }

    /**
     * The serializer for {@link AbstractSimplePortObjectSpec} subclasses; subclass it with the concrete spec class as
     * type argument.
     *
     * @param <T> the spec class
     */
    public abstract static class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
        extends PortObjectSpecSerializer<T> {

        @Override
        public final void savePortObjectSpec(final T portObjectSpec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            ModelContent root = new ModelContent(ENTRY);
            root.addInt(KEY_VERSION, 1);
            root.addString(KEY_CLASS, portObjectSpec.getClass().getName());
            portObjectSpec.save(root.addModelContent(KEY_CONTENT));
            out.putNextEntry(new ZipEntry(ENTRY));
            root.saveToXML(new NonClosingOutputStream(out));
            out.closeEntry();
        }

        @Override
        public final T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            ZipEntry e = in.getNextEntry();
            if (e == null || !ENTRY.equals(e.getName())) {
                throw new IOException("Expected zip entry \"" + ENTRY + "\" holding a port object spec, found "
                    + (e == null ? "none" : "\"" + e.getName() + "\"") + ".");
            }
            ModelContentRO root = ModelContent.loadFromXML(new NonClosingInputStream(in));
            Class<T> cls = savedClass(root, getClass(), AbstractSimplePortObjectSpec.class);
            T spec = instantiate(cls);
            try {
                spec.load(root.getModelContent(KEY_CONTENT));
            } catch (InvalidSettingsException ex) {
                throw new IOException("Cannot load " + cls.getName() + ": " + ex.getMessage(), ex);
            }
            return spec;
        }
    }

    /** Keeps the zip stream open when the XML writer closes its stream. */
    static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(final java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Keeps the zip stream open when the XML reader closes its stream. */
    static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(final java.io.InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the owner closes the zip stream
        }
    }
}
