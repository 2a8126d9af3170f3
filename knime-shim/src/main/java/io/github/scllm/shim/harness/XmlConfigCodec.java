package io.github.scllm.shim.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads and writes the XML config format: nested {@code config} elements with a {@code key} attribute holding
 * {@code entry} elements with {@code key}, {@code type} and {@code value} (and {@code isnull="true"} for null values).
 * Control characters in values are written as {@code %%} followed by their five-digit decimal code. The shim's
 * configs hand their content over as a plain tree, so that the format lives outside KNIME's packages.
 */
public final class XmlConfigCodec {

    /**
     * A config: its key and its children in order, each an {@link XmlConfig} or an {@link XmlEntry}.
     *
     * @param key the config's key
     * @param children entries and sub-configs by key, in document order
     */
    public record XmlConfig(String key, Map<String, Object> children) {
    }

    /**
     * A leaf entry.
     *
     * @param type the XML type name ({@code xint}, {@code xstring}, …)
     * @param text the value as text, {@code null} for a null value
     */
    public record XmlEntry(String type, String text) {
    }

    static final String NAMESPACE = "http://www.knime.org/2008/09/XMLConfig";

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static final String SCHEMA_LOCATION = NAMESPACE + " http://www.knime.org/XMLConfig_2008_09.xsd";

    private XmlConfigCodec() {
    }

    /**
     * Writes a config document, closing the stream.
     *
     * @param config the root config
     * @param os where the document goes
     * @throws IOException if writing fails
     */
    public static void write(final XmlConfig config, final OutputStream os) throws IOException {
        try (os) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            writeConfig(w, config, true);
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("Cannot write config \"" + config.key() + "\" as XML: " + e.getMessage(), e);
        }
    }

    private static void writeConfig(final XMLStreamWriter w, final XmlConfig config, final boolean root)
        throws XMLStreamException {
        Map<String, Object> entries = config.children();
        if (entries.isEmpty()) {
            w.writeEmptyElement("config");
        } else {
            w.writeStartElement("config");
        }
        if (root) {
            w.writeDefaultNamespace(NAMESPACE);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute(XSI, "schemaLocation", SCHEMA_LOCATION);
        }
        w.writeAttribute("key", escape(config.key()));
        if (entries.isEmpty()) {
            w.writeCharacters("\n");
            return;
        }
        w.writeCharacters("\n");
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (e.getValue() instanceof XmlConfig sub) {
                writeConfig(w, sub, false);
            } else {
                XmlEntry l = (XmlEntry)e.getValue();
                w.writeEmptyElement("entry");
                w.writeAttribute("key", escape(e.getKey()));
                w.writeAttribute("type", l.type());
                if (l.text() == null) {
                    w.writeAttribute("isnull", "true");
                    w.writeAttribute("value", "");
                } else {
                    w.writeAttribute("value", escape(l.text()));
                }
                w.writeCharacters("\n");
            }
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    /**
     * Reads a config document, closing the stream.
     *
     * @param in the document
     * @return the root config
     * @throws IOException if the stream cannot be read or is not a config document
     */
    public static XmlConfig read(final InputStream in) throws IOException {
        Element root;
        try (in) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = f.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot parse XML config: " + e.getMessage(), e);
        }
        if (!"config".equals(localName(root))) {
            throw new IOException("Not an XML config: the root element is <" + localName(root) + ">, expected <config>.");
        }
        XmlConfig config = new XmlConfig(unescape(root.getAttribute("key")), new LinkedHashMap<>());
        readChildren(root, config, "/");
        return config;
    }

    private static String localName(final Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static void readChildren(final Element parent, final XmlConfig target, final String path)
        throws IOException {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element e = (Element)n;
            String key = unescape(e.getAttribute("key"));
            String name = localName(e);
            if ("config".equals(name)) {
                XmlConfig sub = new XmlConfig(key, new LinkedHashMap<>());
                target.children().put(key, sub);
                readChildren(e, sub, path + key + "/");
            } else if ("entry".equals(name)) {
                boolean isNull = "true".equals(e.getAttribute("isnull"));
                target.children().put(key,
                    new XmlEntry(e.getAttribute("type"), isNull ? null : unescape(e.getAttribute("value"))));
            } else {
                throw new IOException("Unexpected element <" + name + "> at " + path + " in XML config.");
            }
        }
    }

    private static String escape(final String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean special = c < 32 || (c == '%' && i + 1 < s.length() && s.charAt(i + 1) == '%');
            if (special) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append("%%").append(String.format("%05d", (int)c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String unescape(final String s) {
        if (s.indexOf("%%") < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("%%", i) && i + 7 <= s.length() && allDigits(s, i + 2, i + 7)) {
                sb.append((char)Integer.parseInt(s.substring(i + 2, i + 7)));
                i += 7;
            } else {
                sb.append(s.charAt(i));
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean allDigits(final String s, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
