package io.github.scllm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The optional "scLLM Local Embedding Model": a fragment of the main bundle that carries ONNX Runtime and the
 * built-in model under lib/, its feature, their p2 units and category, and a main bundle that stays free of both.
 */
class LocalModelFragmentTest {

    /** Class-path resources the engine (LocalModels) looks up. */
    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";
    private static final Pattern ORT_JAR = Pattern.compile("lib/onnxruntime-(\\d+)\\.(\\d+)\\.(\\d+)\\.jar");
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/.*");
    private static final Pattern NOTICE_COORDINATES = Pattern.compile("\\(([^\\s():]+):([^\\s():]+):([^\\s():]+) - ");
    private static final int JAVA_17_MAJOR = 61;

    private final PackagedSite site = PackagedSite.load();
    private final String version = PackagedSite.osgiVersion();

    @Test
    void zipHoldsTheFragmentAndItsFeatureNamedAfterIdAndOsgiVersion() {
        assertEquals("plugins/" + PackagedSite.FRAGMENT_ID + "_" + version + ".jar",
                site.onlyJar("plugins", PackagedSite.FRAGMENT_ID));
        assertEquals("features/" + PackagedSite.LOCAL_FEATURE_ID + "_" + version + ".jar",
                site.onlyJar("features", PackagedSite.LOCAL_FEATURE_ID));
    }

    @Test
    void fragmentAttachesToExactlyTheHostBundleBuiltWithIt() {
        Attributes headers = site.fragmentManifest().getMainAttributes();
        assertEquals("2", headers.getValue("Bundle-ManifestVersion"));
        assertEquals(PackagedSite.FRAGMENT_ID, headers.getValue("Bundle-SymbolicName"),
                "a fragment contributes no extensions and is no singleton");
        assertEquals(version, headers.getValue("Bundle-Version"));
        assertEquals(PackagedSite.BUNDLE_ID + ";bundle-version=\"[" + version + "," + version + "]\"",
                headers.getValue("Fragment-Host"));
        assertEquals("JavaSE-17", headers.getValue("Bundle-RequiredExecutionEnvironment"));
        assertFalse(headers.getValue("Bundle-Name").isBlank(), "Bundle-Name is blank");
        assertFalse(headers.getValue("Bundle-Vendor").isBlank(), "Bundle-Vendor is blank");
        for (String forbidden : new String[] {"Require-Bundle", "Bundle-Activator", "Export-Package"}) {
            assertNull(headers.getValue(forbidden), () -> "a lib-only fragment needs no " + forbidden);
        }
        for (Object key : headers.keySet()) {
            String value = headers.getValue(key.toString());
            assertFalse(value.contains("${"), () -> "Header " + key + " still holds a Maven placeholder: " + value);
        }
    }

    @Test
    void fragmentClassPathIsExactlyItsLibJars() {
        String header = site.fragmentManifest().getMainAttributes().getValue("Bundle-ClassPath");
        assertNotNull(header, "the fragment has no Bundle-ClassPath, so OSGi would not add its lib/ jars to the host");
        List<String> classPath = new ArrayList<>();
        for (String part : header.split(",")) {
            classPath.add(part.trim());
        }
        assertEquals(new HashSet<>(classPath).size(), classPath.size(), () -> "duplicates in " + classPath);
        assertEquals(site.fragmentLibJars().keySet(), new HashSet<>(classPath),
                "Bundle-ClassPath must list every lib/*.jar of the fragment and nothing else");
        assertEquals(2, classPath.size(), () -> "expected ONNX Runtime and the model jar, found " + classPath);
    }

    @Test
    void fragmentCarriesOnnxRuntimeWithoutTelemetryAndNativesForKnimePlatforms() {
        List<String> runtimes = site.fragmentLibJars().keySet().stream().filter(n -> ORT_JAR.matcher(n).matches()).toList();
        assertEquals(1, runtimes.size(), () -> "expected one lib/onnxruntime-x.y.z.jar, found " + site.fragmentLibJars().keySet());
        Matcher m = ORT_JAR.matcher(runtimes.get(0));
        assertTrue(m.matches());
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        // 1.29 added telemetry on Linux and macOS that only an environment variable set before start turns off
        assertTrue(major == 1 && minor <= 28, () -> runtimes.get(0) + " collects telemetry on Linux and macOS; "
                + "keep 1.28 or earlier");
        Map<String, byte[]> runtime = site.fragmentLibJars().get(runtimes.get(0));
        assertTrue(runtime.containsKey("ai/onnxruntime/OrtEnvironment.class"), "no ai.onnxruntime.OrtEnvironment");
        for (String lib : new String[] {"linux-x64/libonnxruntime.so", "linux-aarch64/libonnxruntime.so",
                "win-x64/onnxruntime.dll", "osx-aarch64/libonnxruntime.dylib"}) {
            assertTrue(runtime.containsKey("ai/onnxruntime/native/" + lib), () -> runtimes.get(0) + " lacks native " + lib);
        }
    }

    @Test
    void fragmentCarriesTheBuiltInModelAndTokenizerAtAJarRoot() {
        Map<String, byte[]> holder = null;
        for (Map<String, byte[]> entries : site.fragmentLibJars().values()) {
            if (entries.containsKey(MODEL)) {
                holder = entries;
            }
        }
        assertNotNull(holder, () -> "no lib jar of the fragment holds " + MODEL + " at its root");
        assertTrue(holder.get(MODEL).length > 10_000_000, "the ONNX model is implausibly small");
        String tokenizer = new String(holder.get(TOKENIZER), StandardCharsets.UTF_8);
        assertTrue(tokenizer.contains("\"WordPiece\""), TOKENIZER + " is not a WordPiece tokenizer.json");
    }

    @Test
    void fragmentClassesRunOnJava17() {
        site.fragmentLibJars().forEach((lib, entries) -> entries.forEach((name, bytes) -> {
            Matcher versioned = VERSIONED.matcher(name);
            if (!name.endsWith(".class") || versioned.matches() && Integer.parseInt(versioned.group(1)) > 17) {
                return;
            }
            assertTrue(bytes.length >= 8 && ByteBuffer.wrap(bytes).getInt() == 0xCAFEBABE, () -> lib + "!" + name);
            int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
            assertTrue(major <= JAVA_17_MAJOR, () -> lib + "!" + name + " has class-file version " + major);
        }));
    }

    @Test
    void fragmentNoticeListsBothLibrariesWithTheirLicences() {
        byte[] notice = site.fragment().get("THIRD-PARTY.txt");
        assertNotNull(notice, "The fragment has no THIRD-PARTY.txt at its root");
        Set<String> listed = new HashSet<>();
        for (String line : new String(notice, StandardCharsets.UTF_8).split("\\R")) {
            Matcher m = NOTICE_COORDINATES.matcher(line);
            if (m.find()) {
                assertTrue(line.trim().startsWith("(") && !line.trim().startsWith("()"), () -> "no licence: " + line);
                listed.add(m.group(2) + "-" + m.group(3));
            }
        }
        for (String lib : site.fragmentLibJars().keySet()) {
            String jar = lib.substring("lib/".length(), lib.length() - ".jar".length());
            assertTrue(listed.contains(jar), () -> lib + " is not listed in the fragment's THIRD-PARTY.txt: " + listed);
        }
    }

    @Test
    void mainBundleCarriesNeitherTheRuntimeNorTheModelButTheEngineThatLooksForThem() {
        for (Map.Entry<String, Map<String, byte[]>> lib : site.libJars().entrySet()) {
            assertFalse(lib.getKey().contains("onnxruntime") || lib.getKey().contains("langchain4j"),
                    () -> "The main bundle embeds " + lib.getKey() + "; it belongs in the local model fragment only");
            for (String name : lib.getValue().keySet()) {
                assertFalse(name.startsWith("ai/onnxruntime/") || name.endsWith(".onnx"),
                        () -> lib.getKey() + " in the main bundle carries " + name);
            }
        }
        for (String name : site.bundle().keySet()) {
            assertFalse(name.startsWith("ai/onnxruntime/") || name.endsWith(".onnx"), () -> "The main bundle carries " + name);
        }
        boolean engine = site.libJars().entrySet().stream().anyMatch(e -> e.getKey().matches("lib/scllm-core-[^/]+\\.jar")
                && e.getValue().containsKey("io/github/scllm/core/embed/local/LocalModels.class"));
        assertTrue(engine, "the engine jar in the main bundle lacks io.github.scllm.core.embed.local.LocalModels");
        int mainSize = site.entry(site.onlyJar("plugins", PackagedSite.BUNDLE_ID)).length;
        int fragmentSize = site.entry(site.onlyJar("plugins", PackagedSite.FRAGMENT_ID)).length;
        assertTrue(mainSize * 3 < fragmentSize, () -> "main bundle " + mainSize + " bytes is not lean next to the "
                + "fragment's " + fragmentSize);
    }

    @Test
    void localFeatureIncludesTheFragmentAndRequiresTheMainFeatureOfTheSameBuild() {
        byte[] xml = site.localFeatureJar().get("feature.xml");
        assertNotNull(xml, "The local model feature jar has no feature.xml at its root");
        Element feature = PackagedSite.parseXml(xml, "feature.xml").getDocumentElement();
        assertEquals(PackagedSite.LOCAL_FEATURE_ID, feature.getAttribute("id"));
        assertEquals("scLLM Local Embedding Model", feature.getAttribute("label"),
                "the label users are told to install");
        assertEquals(version, feature.getAttribute("version"));
        for (String child : new String[] {"description", "copyright", "license"}) {
            assertEquals(1, feature.getElementsByTagName(child).getLength(), "feature.xml <" + child + ">");
        }
        assertFalse(feature.getElementsByTagName("description").item(0).getTextContent().contains("${"),
                "feature description holds a Maven placeholder");
        NodeList plugins = feature.getElementsByTagName("plugin");
        assertEquals(1, plugins.getLength(), "the local model feature includes exactly the fragment");
        Element plugin = (Element) plugins.item(0);
        assertEquals(PackagedSite.FRAGMENT_ID, plugin.getAttribute("id"));
        assertEquals(version, plugin.getAttribute("version"));
        assertEquals("true", plugin.getAttribute("fragment"));
        assertEquals("false", plugin.getAttribute("unpack"));
        NodeList imports = feature.getElementsByTagName("import");
        assertEquals(1, imports.getLength(), "the local model feature imports the main feature only");
        Element main = (Element) imports.item(0);
        assertEquals(PackagedSite.FEATURE_ID, main.getAttribute("feature"));
        assertEquals(version, main.getAttribute("version"));
        assertEquals("perfect", main.getAttribute("match"));
    }

    @Test
    void p2UnitsTieFragmentHostAndFeaturesToOneBuildAndTheCategoryOffersBoth() {
        Document content = site.contentXml();
        String exact = "[" + version + "," + version + "]";
        Element fragment = unit(content, PackagedSite.FRAGMENT_ID);
        assertEquals(version, fragment.getAttribute("version"));
        assertEquals(exact, range(fragment, "osgi.bundle", PackagedSite.BUNDLE_ID), "fragment → host requirement");

        Element group = unit(content, PackagedSite.LOCAL_FEATURE_ID + ".feature.group");
        assertEquals(exact, range(group, "org.eclipse.equinox.p2.iu", PackagedSite.FRAGMENT_ID));
        assertEquals(exact, range(group, "org.eclipse.equinox.p2.iu", PackagedSite.FEATURE_ID + ".feature.group"));

        Element category = unit(content, "io.github.scllm.knime.category.scllm");
        assertNotNull(range(category, "org.eclipse.equinox.p2.iu", PackagedSite.FEATURE_ID + ".feature.group"),
                "the scLLM category lost the main feature");
        assertNotNull(range(category, "org.eclipse.equinox.p2.iu", PackagedSite.LOCAL_FEATURE_ID + ".feature.group"),
                "the scLLM category does not offer the local model feature");

        NodeList artifacts = site.artifactsXml().getElementsByTagName("artifact");
        boolean bundle = false;
        boolean feature = false;
        for (int i = 0; i < artifacts.getLength(); i++) {
            Element a = (Element) artifacts.item(i);
            bundle |= "osgi.bundle".equals(a.getAttribute("classifier"))
                    && PackagedSite.FRAGMENT_ID.equals(a.getAttribute("id")) && version.equals(a.getAttribute("version"));
            feature |= "org.eclipse.update.feature".equals(a.getAttribute("classifier"))
                    && PackagedSite.LOCAL_FEATURE_ID.equals(a.getAttribute("id")) && version.equals(a.getAttribute("version"));
        }
        assertTrue(bundle, "artifacts.xml lacks the fragment");
        assertTrue(feature, "artifacts.xml lacks the local model feature");
    }

    private static Element unit(Document content, String id) {
        List<Element> found = new ArrayList<>();
        NodeList units = content.getElementsByTagName("unit");
        for (int i = 0; i < units.getLength(); i++) {
            Element u = (Element) units.item(i);
            if (id.equals(u.getAttribute("id"))) {
                found.add(u);
            }
        }
        assertEquals(1, found.size(), "Expected one unit " + id + " in content.xml");
        return found.get(0);
    }

    /** The range of the unit's requirement, or null when it has none. */
    private static String range(Element unit, String namespace, String name) {
        NodeList required = unit.getElementsByTagName("required");
        for (int i = 0; i < required.getLength(); i++) {
            Element r = (Element) required.item(i);
            if (namespace.equals(r.getAttribute("namespace")) && name.equals(r.getAttribute("name"))) {
                return r.getAttribute("range");
            }
        }
        return null;
    }
}
