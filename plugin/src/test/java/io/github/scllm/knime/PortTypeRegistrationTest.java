package io.github.scllm.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.port.AbstractSimplePortObject;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.github.scllm.knime.refine.port.PcaModelPortObject;
import io.github.scllm.knime.refine.port.PortSamples;
import io.github.scllm.knime.refine.port.RefineModelPortObject;
import io.github.scllm.shim.harness.PortObjects;

/** Every port type in plugin.xml names existing, matching classes, and its objects survive both save formats. */
class PortTypeRegistrationTest {
    /** A fitted instance of every registered port object class; a new port type must add one here. */
    private static final Map<String, Supplier<PortObject>> SAMPLES = Map.of(
        PcaModelPortObject.class.getName(), PortSamples::pca,
        RefineModelPortObject.class.getName(), PortSamples::refine);

    private static List<Element> portTypes() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nl = f.newDocumentBuilder().parse(TestPaths.pluginRoot().resolve("plugin.xml").toFile())
            .getElementsByTagName("portType");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    private static Class<?> typeArgument(Class<?> serializer, Class<?> generic) {
        for (Class<?> c = serializer; c != null; c = c.getSuperclass()) {
            Type t = c.getGenericSuperclass();
            if (t instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> arg) {
                return arg;
            }
        }
        throw new AssertionError(serializer + " names no " + generic.getSimpleName() + " type argument");
    }

    @Test
    void everyRegisteredPortTypeNamesMatchingPublicClasses() throws Exception {
        List<Element> types = portTypes();
        assertFalse(types.isEmpty(), "plugin.xml registers no port type");
        for (Element e : types) {
            for (String attr : List.of("name", "objectClass", "objectSerializer", "specClass", "specSerializer")) {
                assertFalse(e.getAttribute(attr).isBlank(), "port type without " + attr);
            }
            Class<?> object = Class.forName(e.getAttribute("objectClass"));
            Class<?> spec = Class.forName(e.getAttribute("specClass"));
            Class<?> objectSerializer = Class.forName(e.getAttribute("objectSerializer"));
            Class<?> specSerializer = Class.forName(e.getAttribute("specSerializer"));
            assertTrue(PortObject.class.isAssignableFrom(object), object + " is no PortObject");
            assertTrue(PortObjectSpec.class.isAssignableFrom(spec), spec + " is no PortObjectSpec");
            assertTrue(PortObjectSerializer.class.isAssignableFrom(objectSerializer));
            assertTrue(PortObjectSpecSerializer.class.isAssignableFrom(specSerializer));
            assertEquals(object, typeArgument(objectSerializer, PortObject.class), "serializer of " + object);
            assertEquals(spec, typeArgument(specSerializer, PortObjectSpec.class), "serializer of " + spec);
            assertEquals(spec, object.getMethod("getSpec").getReturnType(), object + ".getSpec() return type");
            for (Class<?> c : List.of(object, spec, objectSerializer, specSerializer)) {
                assertTrue(Modifier.isPublic(c.getModifiers()), c + " must be public");
                assertNotNull(c.getConstructor(), c + " needs a public no-arg constructor");
            }
            String color = e.getAttribute("color");
            assertTrue(color.isEmpty() || color.matches("#[0-9a-fA-F]{6}"), "color " + color);
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyRegisteredPortObjectSurvivesTheHarnessRoundTrips() throws Exception {
        for (Element e : portTypes()) {
            String name = e.getAttribute("objectClass");
            Supplier<PortObject> sample = SAMPLES.get(name);
            assertNotNull(sample, "no sample for port type " + name + ": add one to this test");
            PortObject object = sample.get();
            PortObjectSerializer serializer = (PortObjectSerializer) Class.forName(e.getAttribute("objectSerializer"))
                .getConstructor().newInstance();
            PortObjectSpecSerializer specSerializer = (PortObjectSpecSerializer) Class.forName(
                e.getAttribute("specSerializer")).getConstructor().newInstance();
            assertEquals(object, PortObjects.serializerRoundTrip(object, serializer), name);
            assertEquals(object.getSpec(), PortObjects.serializerRoundTrip(object.getSpec(), specSerializer), name);
            if (object instanceof AbstractSimplePortObject simple) {
                assertEquals(object, PortObjects.objectRoundTrip(simple), name);
            }
            if (object.getSpec() instanceof AbstractSimplePortObjectSpec simpleSpec) {
                assertEquals(simpleSpec, PortObjects.specRoundTrip(simpleSpec), name);
            }
            assertFalse(object.getSummary().isBlank(), name + " has no summary");
        }
    }
}
