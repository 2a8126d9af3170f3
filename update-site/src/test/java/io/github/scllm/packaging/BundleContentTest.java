package io.github.scllm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What the bundle carries: plugin.xml and the classes it names, icons, embedded jars, bytecode levels, notices. */
class BundleContentTest {

    /** Java 17, the lowest Java that KNIME 5.5 runs on. */
    private static final int JAVA_17_MAJOR = 61;
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/.*");
    /** "(licence) name (group:artifact:version - url)" as written by license-maven-plugin. */
    private static final Pattern NOTICE_COORDINATES = Pattern.compile("\\(([^\\s():]+):([^\\s():]+):([^\\s():]+) - ");

    private final PackagedSite site = PackagedSite.load();

    @Test
    void noKnimeClassIsShippedInTheBundleOrAnyEmbeddedJar() {
        for (String name : site.bundle().keySet()) {
            assertFalse(isKnimeClass(name), () -> "The bundle contains KNIME's own " + name);
        }
        site.libJars().forEach((lib, entries) -> {
            for (String name : entries.keySet()) {
                assertFalse(isKnimeClass(name), () -> lib + " contains KNIME's own " + name);
            }
        });
    }

    @Test
    void engineJarIsJava17Bytecode() {
        List<String> engine = site.libJars().keySet().stream().filter(n -> n.matches("lib/scllm-core-[^/]+\\.jar")).toList();
        assertEquals(1, engine.size(), () -> "Expected one lib/scllm-core-*.jar, found " + engine);
        Map<String, byte[]> entries = site.libJars().get(engine.get(0));
        int classes = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().endsWith(".class")) {
                classes++;
                assertEquals(JAVA_17_MAJOR, classMajor(e.getValue(), engine.get(0) + "!" + e.getKey()),
                        () -> engine.get(0) + "!" + e.getKey() + " is not compiled with --release 17");
            }
        }
        assertTrue(classes > 0, () -> engine.get(0) + " holds no classes");
    }

    @Test
    void bundleClassesAreJava17Bytecode() {
        for (Map.Entry<String, byte[]> e : site.bundle().entrySet()) {
            if (e.getKey().endsWith(".class") && !e.getKey().startsWith("lib/")) {
                assertEquals(JAVA_17_MAJOR, classMajor(e.getValue(), e.getKey()),
                        () -> "Bundle class " + e.getKey() + " is not compiled with --release 17");
            }
        }
    }

    @Test
    void thirdPartyClassesRunOnJava17() {
        site.libJars().forEach((lib, entries) -> {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = e.getKey();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Matcher versioned = VERSIONED.matcher(name);
                // multi-release classes for a newer Java are never loaded by a Java 17 runtime
                if (versioned.matches() && Integer.parseInt(versioned.group(1)) > 17) {
                    continue;
                }
                int major = classMajor(e.getValue(), lib + "!" + name);
                assertTrue(major <= JAVA_17_MAJOR, () -> lib + "!" + name + " has class-file version " + major
                        + " (newer than Java 17, which KNIME 5.5 runs on): use a release of this library built for Java 17");
            }
        });
    }

    @Test
    void pluginXmlRegistersTheCategoryTheNodesAndTheExpressionCell() {
        Document plugin = pluginXml();
        Element category = onlyElement(plugin, "category");
        assertEquals("scllm", category.getAttribute("level-id"));
        assertEquals("/", category.getAttribute("path"));
        assertEquals("scLLM", category.getAttribute("name"));
        assertFalse(category.getAttribute("description").isBlank(), "category description is blank");
        assertEquals("org.knime.workbench.repository.categories", extensionPoint(category));

        List<String> factories = attributeValues(plugin, "node", "factory-class");
        assertTrue(factories.contains("io.github.scllm.knime.io.readscrna.ReadScrnaNodeFactory"), factories::toString);
        assertEquals(factories.size(), new HashSet<>(factories).size(), () -> "a factory is registered twice: " + factories);
        NodeList nodes = plugin.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            String factory = node.getAttribute("factory-class");
            assertEquals("/scllm", node.getAttribute("category-path"), factory);
            assertEquals("org.knime.workbench.repository.nodes", extensionPoint(node), factory);
            String classFile = factory.replace('.', '/') + ".class";
            assertTrue(site.bundle().containsKey(classFile), () -> "plugin.xml names " + factory
                    + " but the bundle has no " + classFile);
        }

        Element dataType = onlyElement(plugin, "DataType");
        assertEquals("io.github.scllm.knime.data.ExpressionCell", dataType.getAttribute("cellClass"));
        assertEquals("org.knime.core.DataType", extensionPoint(dataType));
        Element serializer = onlyElement(plugin, "serializer");
        assertEquals("io.github.scllm.knime.data.ExpressionCell", serializer.getAttribute("cellClass"));
        assertEquals("io.github.scllm.knime.data.ExpressionCellSerializer", serializer.getAttribute("serializerClass"));
    }

    @Test
    void iconsNamedByThePackagingAre16x16Png() {
        String categoryIcon = onlyElement(pluginXml(), "category").getAttribute("icon");
        assertPng16(categoryIcon);
        assertPng16("io/github/scllm/knime/io/readscrna/read_scrna.png");
    }

    /**
     * The classes that plugin.xml names, and each node factory's description, must be inside the bundle. The system
     * property {@code scllm.packaging.pluginClasses=skip} turns this one check off while those classes are being
     * written; every other value (default {@code check}) keeps it on.
     */
    @Test
    void classesNamedInPluginXmlAndNodeDescriptionsAreInTheBundle() {
        assumeTrue(!"skip".equals(System.getProperty("scllm.packaging.pluginClasses", "check")),
                "scllm.packaging.pluginClasses=skip: the check of plugin.xml's classes is switched off");
        Document plugin = pluginXml();
        Map<String, byte[]> bundle = site.bundle();
        List<String> classes = new ArrayList<>();
        classes.addAll(attributeValues(plugin, "node", "factory-class"));
        classes.addAll(attributeValues(plugin, "DataType", "cellClass"));
        classes.addAll(attributeValues(plugin, "serializer", "cellClass"));
        classes.addAll(attributeValues(plugin, "serializer", "serializerClass"));
        assertFalse(classes.isEmpty(), "plugin.xml names no classes");
        for (String className : classes) {
            String entry = className.replace('.', '/') + ".class";
            assertTrue(bundle.containsKey(entry), () -> "plugin.xml names " + className + " but the bundle has no " + entry);
        }
        for (String factory : attributeValues(plugin, "node", "factory-class")) {
            String description = factory.replace('.', '/') + ".xml";
            assertTrue(bundle.containsKey(description),
                    () -> "Node factory " + factory + " has no description " + description + " in the bundle");
            PackagedSite.parseXml(bundle.get(description), description);
        }
    }

    @Test
    void thirdPartyNoticeListsEveryEmbeddedLibraryWithItsLicence() {
        byte[] notice = site.bundle().get("THIRD-PARTY.txt");
        assertNotNull(notice, "The bundle has no THIRD-PARTY.txt at its root");
        String text = new String(notice, StandardCharsets.UTF_8);
        Set<String> listed = new HashSet<>();
        for (String line : text.split("\\R")) {
            Matcher m = NOTICE_COORDINATES.matcher(line);
            if (m.find()) {
                assertTrue(line.trim().startsWith("(") && !line.trim().startsWith("()"),
                        () -> "THIRD-PARTY.txt line without a licence: " + line);
                listed.add(m.group(2) + "-" + m.group(3));
            }
        }
        for (String lib : site.libJars().keySet()) {
            String jar = lib.substring("lib/".length(), lib.length() - ".jar".length());
            if (jar.startsWith("scllm-core-")) {
                continue;
            }
            boolean found = listed.stream().anyMatch(id -> jar.equals(id) || jar.startsWith(id + "-"));
            assertTrue(found, () -> "Embedded " + lib + " is not listed in THIRD-PARTY.txt (listed: " + listed + ")");
        }
    }

    @Test
    void smileIfEmbeddedIsTheLgplTwoLine() {
        for (String lib : site.libJars().keySet()) {
            Matcher m = Pattern.compile("lib/smile-[a-z-]*?-(\\d+)\\.[^/]*\\.jar").matcher(lib);
            if (m.matches()) {
                assertEquals("2", m.group(1), () -> lib + ": Smile 3 and later are GPL; only Smile 2.x (LGPL) may ship");
            }
        }
    }

    private static boolean isKnimeClass(String entry) {
        String name = VERSIONED.matcher(entry).matches() ? entry.replaceFirst("META-INF/versions/\\d+/", "") : entry;
        return name.startsWith("org/knime/");
    }

    private static int classMajor(byte[] classFile, String where) {
        assertTrue(classFile.length >= 8 && ByteBuffer.wrap(classFile).getInt() == 0xCAFEBABE,
                () -> where + " is not a class file");
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private Document pluginXml() {
        byte[] xml = site.bundle().get("plugin.xml");
        assertNotNull(xml, "The bundle has no plugin.xml at its root");
        return PackagedSite.parseXml(xml, "plugin.xml");
    }

    private void assertPng16(String path) {
        byte[] png = site.bundle().get(path);
        assertNotNull(png, () -> "Icon " + path + " is missing from the bundle");
        ByteBuffer b = ByteBuffer.wrap(png);
        assertTrue(png.length > 24 && b.getLong(0) == 0x89504E470D0A1A0AL, () -> path + " is not a PNG");
        assertEquals(16, b.getInt(16), () -> path + " width");
        assertEquals(16, b.getInt(20), () -> path + " height");
    }

    private static Element onlyElement(Document doc, String tag) {
        NodeList list = doc.getElementsByTagName(tag);
        assertEquals(1, list.getLength(), () -> "Expected one <" + tag + "> in plugin.xml");
        return (Element) list.item(0);
    }

    private static String extensionPoint(Element element) {
        for (org.w3c.dom.Node n = element.getParentNode(); n instanceof Element e; n = n.getParentNode()) {
            if ("extension".equals(e.getTagName())) {
                return e.getAttribute("point");
            }
        }
        throw new AssertionError("<" + element.getTagName() + "> in plugin.xml is not inside an <extension>");
    }

    private static List<String> attributeValues(Document doc, String tag, String attribute) {
        List<String> values = new ArrayList<>();
        NodeList list = doc.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            values.add(((Element) list.item(i)).getAttribute(attribute));
        }
        return values;
    }
}
