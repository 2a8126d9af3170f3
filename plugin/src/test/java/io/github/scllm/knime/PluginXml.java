package io.github.scllm.knime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The registrations read from the bundle's plugin.xml. */
public record PluginXml(List<String> nodeFactories, List<String[]> cellTypes, List<String> portTypes,
    List<String> categoryIcons) {

    /** @return the registrations of the plugin.xml at the plugin module's root */
    public static PluginXml read() throws Exception {
        Path file = TestPaths.pluginRoot().resolve("plugin.xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        List<String> factories = new ArrayList<>();
        List<String[]> cells = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        List<String> icons = new ArrayList<>();
        NodeList extensions = doc.getElementsByTagName("extension");
        for (int i = 0; i < extensions.getLength(); i++) {
            Element ext = (Element) extensions.item(i);
            String point = ext.getAttribute("point");
            switch (point) {
                case "org.knime.workbench.repository.nodes" -> each(ext, "node",
                    e -> factories.add(e.getAttribute("factory-class")));
                case "org.knime.workbench.repository.categories" -> each(ext, "category",
                    e -> icons.add(e.getAttribute("icon")));
                case "org.knime.core.DataType" -> each(ext, "serializer",
                    e -> cells.add(new String[] {e.getAttribute("cellClass"), e.getAttribute("serializerClass")}));
                case "org.knime.core.PortType" -> each(ext, "portType",
                    e -> ports.add(e.getAttribute("objectClass")));
                default -> { }
            }
        }
        return new PluginXml(factories, cells, ports, icons);
    }

    private static void each(Element parent, String tag, java.util.function.Consumer<Element> action) {
        NodeList nl = parent.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            action.accept((Element) nl.item(i));
        }
    }
}
