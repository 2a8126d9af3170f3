package io.github.scllm.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.github.scllm.shim.harness.NodeHarness;

/** What plugin.xml registers exists, is described, and matches its implementation. */
class PluginRegistrationTest {

    @Test
    void everyRegisteredFactoryExistsIsDescribedAndHasMatchingPortCounts() throws Exception {
        PluginXml plugin = PluginXml.read();
        assertFalse(plugin.nodeFactories().isEmpty(), "plugin.xml registers no node");
        for (String name : plugin.nodeFactories()) {
            Class<?> c = Class.forName(name);
            assertTrue(NodeFactory.class.isAssignableFrom(c), name + " is no NodeFactory");
            assertTrue(Modifier.isPublic(c.getModifiers()) && Modifier.isFinal(c.getModifiers()),
                name + " must be public final");
            NodeFactory<?> factory = (NodeFactory<?>) c.getConstructor().newInstance();
            NodeModel model = factory.createNodeModel();

            String xmlName = c.getSimpleName() + ".xml";
            Document doc;
            try (InputStream in = c.getResourceAsStream(xmlName)) {
                assertNotNull(in, "no description " + xmlName + " beside " + name);
                doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            }
            assertEquals(NodeHarness.inPortTypes(model).size(), doc.getElementsByTagName("inPort").getLength(),
                name + ": input ports described vs. implemented");
            assertEquals(NodeHarness.outPortTypes(model).size(), doc.getElementsByTagName("outPort").getLength(),
                name + ": output ports described vs. implemented");
            String icon = ((Element) doc.getElementsByTagName("knimeNode").item(0)).getAttribute("icon");
            assertNotNull(c.getResource(icon.replaceFirst("^\\./", "")), name + ": icon " + icon + " missing");
        }
    }

    @Test
    void everyRegisteredCellTypeHasAMatchingSerializer() throws Exception {
        PluginXml plugin = PluginXml.read();
        assertFalse(plugin.cellTypes().isEmpty(), "plugin.xml registers no cell type");
        for (String[] entry : plugin.cellTypes()) {
            Class<?> cell = Class.forName(entry[0]);
            Class<?> serializer = Class.forName(entry[1]);
            assertTrue(DataCell.class.isAssignableFrom(cell), entry[0] + " is no DataCell");
            assertTrue(Modifier.isFinal(cell.getModifiers()), entry[0] + " must be final");
            assertTrue(DataCellSerializer.class.isAssignableFrom(serializer), entry[1] + " is no DataCellSerializer");
            serializer.getConstructor().newInstance();
            assertEquals(cell, serializedType(serializer), entry[1] + " serializes another cell class");
        }
    }

    @Test
    void categoryIconsExist() throws Exception {
        for (String icon : PluginXml.read().categoryIcons()) {
            assertTrue(Files.isRegularFile(TestPaths.pluginRoot().resolve(icon)), "missing category icon " + icon);
        }
    }

    private static Type serializedType(Class<?> serializer) {
        for (Type t : serializer.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == DataCellSerializer.class) {
                return p.getActualTypeArguments()[0];
            }
        }
        throw new AssertionError(serializer + " does not implement DataCellSerializer<T> directly");
    }
}
