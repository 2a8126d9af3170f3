package io.github.scllm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;

/**
 * The update-site zip, read once into memory: its entries, the feature jar, the bundle jar and the bundle's lib jars.
 * Every accessor fails the calling test with a message naming the missing entry.
 */
final class PackagedSite {

    static final String BUNDLE_ID = "io.github.scllm.knime";
    static final String FEATURE_ID = "io.github.scllm.knime.feature";
    /** The optional fragment with ONNX Runtime and the built-in embedding model. */
    static final String FRAGMENT_ID = "io.github.scllm.knime.localmodel";
    static final String LOCAL_FEATURE_ID = "io.github.scllm.knime.localmodel.feature";

    private static PackagedSite loaded;

    private final Path zip;
    private final Map<String, byte[]> entries;
    private Map<String, byte[]> bundle;
    private Map<String, Map<String, byte[]>> libJars;
    private Map<String, byte[]> fragment;
    private Map<String, Map<String, byte[]>> fragmentLibJars;

    private PackagedSite(Path zip, Map<String, byte[]> entries) {
        this.zip = zip;
        this.entries = entries;
    }

    /** The zip named by {@code scllm.updatesite.zip}; fails when the property is unset or the file is missing. */
    static synchronized PackagedSite load() {
        if (loaded == null) {
            String property = System.getProperty("scllm.updatesite.zip", "");
            if (property.isBlank()) {
                fail("System property scllm.updatesite.zip is not set: run these checks through 'mvn verify', "
                        + "which builds the zip first and passes its path");
            }
            Path zip = Path.of(property);
            if (!Files.isRegularFile(zip)) {
                fail("Update site zip " + zip + " does not exist: the package phase of module update-site "
                        + "did not produce it (see the publisher and assembly output above)");
            }
            try {
                loaded = new PackagedSite(zip, unzip(Files.readAllBytes(zip)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read update site zip " + zip, e);
            }
        }
        return loaded;
    }

    /** The OSGi version the build stamped on the bundle and the feature ({@code scllm.osgi.version}). */
    static String osgiVersion() {
        String version = System.getProperty("scllm.osgi.version", "");
        if (version.isBlank()) {
            fail("System property scllm.osgi.version is not set: run these checks through 'mvn verify'");
        }
        return version;
    }

    /** Reads every entry of a zip or jar held in memory, in archive order; directories map to empty arrays. */
    static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> result = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                result.put(entry.getName(), entry.isDirectory() ? new byte[0] : in.readAllBytes());
            }
        }
        return result;
    }

    /** Parses XML without fetching any DTD or schema from the network. */
    static Document parseXml(byte[] xml, String what) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            try (InputStream in = new ByteArrayInputStream(xml)) {
                return builder.parse(in);
            }
        } catch (Exception e) {
            throw new AssertionError(what + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    Path zip() {
        return zip;
    }

    Map<String, byte[]> entries() {
        return Collections.unmodifiableMap(entries);
    }

    byte[] entry(String name) {
        byte[] bytes = entries.get(name);
        assertNotNull(bytes, () -> "Entry " + name + " is missing from " + zip + "; it holds " + entries.keySet());
        return bytes;
    }

    /** Names of the zip entries in {@code folder/} that end with {@code .jar} and start with {@code prefix}. */
    List<String> jarsIn(String folder, String prefix) {
        List<String> names = new ArrayList<>();
        for (String name : entries.keySet()) {
            if (name.startsWith(folder + "/" + prefix) && name.endsWith(".jar") && name.indexOf('/', folder.length() + 1) < 0) {
                names.add(name);
            }
        }
        return names;
    }

    /** The single entry {@code folder/<id>_<osgi version>.jar}; fails when it is absent or not unique. */
    String onlyJar(String folder, String id) {
        List<String> jars = jarsIn(folder, id + "_");
        assertEquals(1, jars.size(), () -> "Expected exactly one " + folder + "/" + id + "_<version>.jar in " + zip
                + ", found " + jars + " among " + entries.keySet());
        return jars.get(0);
    }

    synchronized Map<String, byte[]> bundle() {
        if (bundle == null) {
            bundle = Collections.unmodifiableMap(nested(onlyJar("plugins", BUNDLE_ID)));
        }
        return bundle;
    }

    Map<String, byte[]> featureJar() {
        return nested(onlyJar("features", FEATURE_ID));
    }

    Manifest bundleManifest() {
        byte[] manifest = bundle().get("META-INF/MANIFEST.MF");
        assertNotNull(manifest, "The bundle " + onlyJar("plugins", BUNDLE_ID) + " has no META-INF/MANIFEST.MF");
        try {
            return new Manifest(new ByteArrayInputStream(manifest));
        } catch (IOException e) {
            throw new AssertionError("The bundle's META-INF/MANIFEST.MF cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** The bundle's lib/*.jar entries, each read into memory, keyed by their path inside the bundle. */
    synchronized Map<String, Map<String, byte[]>> libJars() {
        if (libJars == null) {
            libJars = libJarsOf(bundle(), "the bundle");
        }
        return libJars;
    }

    /** The local model fragment {@code plugins/<FRAGMENT_ID>_<version>.jar}, read into memory. */
    synchronized Map<String, byte[]> fragment() {
        if (fragment == null) {
            fragment = Collections.unmodifiableMap(nested(onlyJar("plugins", FRAGMENT_ID)));
        }
        return fragment;
    }

    Manifest fragmentManifest() {
        byte[] manifest = fragment().get("META-INF/MANIFEST.MF");
        assertNotNull(manifest, "The fragment " + onlyJar("plugins", FRAGMENT_ID) + " has no META-INF/MANIFEST.MF");
        try {
            return new Manifest(new ByteArrayInputStream(manifest));
        } catch (IOException e) {
            throw new AssertionError("The fragment's META-INF/MANIFEST.MF cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** The fragment's lib/*.jar entries, each read into memory, keyed by their path inside the fragment. */
    synchronized Map<String, Map<String, byte[]>> fragmentLibJars() {
        if (fragmentLibJars == null) {
            fragmentLibJars = libJarsOf(fragment(), "the fragment");
        }
        return fragmentLibJars;
    }

    Map<String, byte[]> localFeatureJar() {
        return nested(onlyJar("features", LOCAL_FEATURE_ID));
    }

    private static Map<String, Map<String, byte[]>> libJarsOf(Map<String, byte[]> jar, String what) {
        Map<String, Map<String, byte[]>> libs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : jar.entrySet()) {
            if (e.getKey().startsWith("lib/") && e.getKey().endsWith(".jar")) {
                try {
                    libs.put(e.getKey(), unzip(e.getValue()));
                } catch (IOException ex) {
                    throw new AssertionError("Embedded jar " + e.getKey() + " in " + what + " is not a readable zip", ex);
                }
            }
        }
        return Collections.unmodifiableMap(libs);
    }

    /** {@code content.xml} from content.jar (compressed repository) or the plain content.xml. */
    Document contentXml() {
        return metadata("content");
    }

    /** {@code artifacts.xml} from artifacts.jar (compressed repository) or the plain artifacts.xml. */
    Document artifactsXml() {
        return metadata("artifacts");
    }

    private Document metadata(String base) {
        byte[] xml;
        if (entries.containsKey(base + ".jar")) {
            try {
                xml = unzip(entries.get(base + ".jar")).get(base + ".xml");
            } catch (IOException e) {
                throw new AssertionError(base + ".jar in " + zip + " is not a readable zip", e);
            }
            assertNotNull(xml, base + ".jar in " + zip + " holds no " + base + ".xml");
        } else {
            xml = entry(base + ".xml");
        }
        return parseXml(xml, base + ".xml of " + zip);
    }

    private Map<String, byte[]> nested(String name) {
        try {
            return unzip(entry(name));
        } catch (IOException e) {
            throw new AssertionError(name + " in " + zip + " is not a readable jar", e);
        }
    }
}
