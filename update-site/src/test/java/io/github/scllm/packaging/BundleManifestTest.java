package io.github.scllm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;

import org.junit.jupiter.api.Test;

/** The bundle's META-INF/MANIFEST.MF: the OSGi headers KNIME needs and a Bundle-ClassPath matching lib/. */
class BundleManifestTest {

    private final PackagedSite site = PackagedSite.load();
    private final Attributes headers = site.bundleManifest().getMainAttributes();

    @Test
    void manifestDeclaresAnOsgiR4SingletonBundle() {
        assertHeader("Manifest-Version", "1.0");
        assertHeader("Bundle-ManifestVersion", "2");
        assertHeader("Bundle-SymbolicName", PackagedSite.BUNDLE_ID + ";singleton:=true");
        assertHeader("Automatic-Module-Name", PackagedSite.BUNDLE_ID);
        assertHeader("Bundle-ActivationPolicy", "lazy");
        assertHeader("Bundle-RequiredExecutionEnvironment", "JavaSE-17");
    }

    @Test
    void bundleVersionIsTheBuildsOsgiVersion() {
        String version = header("Bundle-Version");
        assertEquals(PackagedSite.osgiVersion(), version);
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+\\.[A-Za-z0-9_-]+"),
                () -> "Bundle-Version " + version + " is not major.minor.micro.qualifier");
    }

    @Test
    void bundleNameAndVendorAreGiven() {
        assertFalse(header("Bundle-Name").isBlank(), "Bundle-Name is blank");
        assertFalse(header("Bundle-Vendor").isBlank(), "Bundle-Vendor is blank");
    }

    @Test
    void bundleRequiresOnlyKnimeCoreFromFiveFiveBelowSix() {
        assertHeader("Require-Bundle", "org.knime.core;bundle-version=\"[5.5.0,6.0.0)\"");
    }

    @Test
    void manifestIsFullyFiltered() {
        for (Object key : headers.keySet()) {
            String value = headers.getValue(key.toString());
            assertFalse(value.contains("${"), () -> "Header " + key + " still holds a Maven placeholder: " + value);
        }
    }

    @Test
    void bundleClassPathStartsWithTheBundleRootAndNamesOnlyExistingEntries() {
        List<String> classPath = bundleClassPath();
        assertEquals(".", classPath.get(0), "Bundle-ClassPath must start with '.' (the bundle's own classes)");
        Map<String, byte[]> bundle = site.bundle();
        Set<String> seen = new HashSet<>();
        for (String entry : classPath.subList(1, classPath.size())) {
            assertTrue(seen.add(entry), () -> "Bundle-ClassPath lists " + entry + " twice");
            assertTrue(entry.startsWith("lib/") && entry.endsWith(".jar"),
                    () -> "Bundle-ClassPath entry " + entry + " is not a lib/*.jar");
            assertTrue(bundle.containsKey(entry), () -> "Bundle-ClassPath entry " + entry + " is missing from the bundle");
        }
    }

    @Test
    void everyEmbeddedJarIsOnBundleClassPath() {
        List<String> classPath = bundleClassPath();
        for (String lib : site.libJars().keySet()) {
            assertTrue(classPath.contains(lib), () -> "Embedded jar " + lib + " is not on Bundle-ClassPath " + classPath);
        }
    }

    @Test
    void engineJarIsEmbeddedAndKnimeShimIsNot() {
        List<String> classPath = bundleClassPath();
        assertTrue(classPath.stream().anyMatch(e -> e.matches("lib/scllm-core-[^/]+\\.jar")),
                () -> "The engine jar lib/scllm-core-*.jar is not on Bundle-ClassPath " + classPath);
        for (String lib : site.libJars().keySet()) {
            assertFalse(lib.contains("knime-shim"), () -> "The KNIME shim must never ship, found " + lib);
        }
    }

    private List<String> bundleClassPath() {
        List<String> entries = new ArrayList<>();
        for (String part : header("Bundle-ClassPath").split(",")) {
            entries.add(part.trim());
        }
        return entries;
    }

    private String header(String name) {
        String value = headers.getValue(name);
        assertNotNull(value, () -> "Header " + name + " is missing from the bundle's MANIFEST.MF: " + headers.keySet());
        return value;
    }

    private void assertHeader(String name, String expected) {
        assertEquals(expected, header(name), "MANIFEST.MF header " + name);
    }
}
