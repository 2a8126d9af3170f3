package io.github.scllm.shim.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObject;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;

/**
 * Saves and reloads port objects and specs the way a workflow saved with executed nodes stores them.
 */
public final class PortObjects {

    private PortObjects() {
    }

    /**
     * @param spec a spec
     * @return its content, as saved by its {@code save(ModelContentWO)}, in the XML config format
     */
    public static String specXml(final AbstractSimplePortObjectSpec spec) {
        return NodeHarness.toXml(saveSpec(spec));
    }

    private static ModelContent saveSpec(final AbstractSimplePortObjectSpec spec) {
        ModelContent mc = new ModelContent("spec");
        ShimAccess.callUnchecked(spec, ShimAccess.findMethod(spec.getClass(), "save", ModelContentWO.class), mc);
        return mc;
    }

    /**
     * Saves a spec into model content, writes it as XML, parses it and loads it into a new instance made with the
     * spec class's public no-arg constructor.
     *
     * @param <T> the spec class
     * @param spec the spec
     * @return the reloaded copy
     * @throws IOException if the XML cannot be parsed or the class cannot be instantiated
     * @throws InvalidSettingsException if the spec's load rejects its own saved content
     */
    @SuppressWarnings("unchecked")
    public static <T extends AbstractSimplePortObjectSpec> T specRoundTrip(final T spec)
        throws IOException, InvalidSettingsException {
        ModelContentRO parsed = ModelContent.loadFromXML(
            new ByteArrayInputStream(specXml(spec).getBytes(StandardCharsets.UTF_8)));
        T copy = (T)newInstance(spec.getClass());
        invokeLoad(copy, ShimAccess.findMethod(copy.getClass(), "load", ModelContentRO.class), parsed);
        return copy;
    }

    /**
     * Saves a port object into model content, writes it as XML, parses it and loads it into a new instance; the
     * object's own spec is passed to load.
     *
     * @param <T> the port object class
     * @param object the port object
     * @return the reloaded copy
     * @throws IOException if the XML cannot be parsed or the class cannot be instantiated
     * @throws InvalidSettingsException if the object's load rejects its own saved content
     */
    @SuppressWarnings("unchecked")
    public static <T extends AbstractSimplePortObject> T objectRoundTrip(final T object)
        throws IOException, InvalidSettingsException {
        ModelContent mc = new ModelContent("model");
        ShimAccess.callUnchecked(object, ShimAccess.findMethod(object.getClass(), "save", ModelContentWO.class,
            ExecutionMonitor.class), mc, new ExecutionMonitor());
        ModelContentRO parsed = ModelContent.loadFromXML(
            new ByteArrayInputStream(NodeHarness.toXml(mc).getBytes(StandardCharsets.UTF_8)));
        T copy = (T)newInstance(object.getClass());
        invokeLoad(copy, ShimAccess.findMethod(copy.getClass(), "load", ModelContentRO.class, PortObjectSpec.class,
            ExecutionMonitor.class), parsed, object.getSpec(), new ExecutionMonitor());
        return copy;
    }

    /**
     * @param <T> the spec class
     * @param spec the spec
     * @param serializer its serializer
     * @return the copy written to and read from an in-memory zip stream
     * @throws IOException if writing or reading fails
     */
    public static <T extends PortObjectSpec> T serializerRoundTrip(final T spec,
        final PortObjectSpecSerializer<T> serializer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectSpecZipOutputStream out = ShimAccess.construct(PortObjectSpecZipOutputStream.class, new Class<?>[]{OutputStream.class}, bytes)) {
            serializer.savePortObjectSpec(spec, out);
        }
        try (PortObjectSpecZipInputStream in =
            ShimAccess.construct(PortObjectSpecZipInputStream.class, new Class<?>[]{InputStream.class},
                new ByteArrayInputStream(bytes.toByteArray()))) {
            return serializer.loadPortObjectSpec(in);
        }
    }

    /**
     * @param <T> the port object class
     * @param object the port object
     * @param serializer its serializer
     * @return the copy written to and read from an in-memory zip stream
     * @throws Exception if writing or reading fails or is cancelled
     */
    public static <T extends PortObject> T serializerRoundTrip(final T object, final PortObjectSerializer<T> serializer)
        throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = ShimAccess.construct(PortObjectZipOutputStream.class, new Class<?>[]{OutputStream.class}, bytes)) {
            serializer.savePortObject(object, out, new ExecutionMonitor());
        }
        try (PortObjectZipInputStream in = ShimAccess.construct(PortObjectZipInputStream.class, new Class<?>[]{InputStream.class},
            new ByteArrayInputStream(bytes.toByteArray()))) {
            return serializer.loadPortObject(in, object.getSpec(), new ExecutionMonitor());
        }
    }

    private static Object newInstance(final Class<?> cls) throws IOException {
        try {
            return cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException(cls.getName() + " needs a public no-arg constructor to be reloaded.", e);
        }
    }

    private static void invokeLoad(final Object target, final java.lang.reflect.Method load, final Object... args)
        throws InvalidSettingsException {
        try {
            ShimAccess.call(target, load, args);
        } catch (InvalidSettingsException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Loading " + target.getClass().getName() + " failed", e);
        }
    }
}
