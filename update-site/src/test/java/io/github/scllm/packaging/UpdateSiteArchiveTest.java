package io.github.scllm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The zipped p2 repository: layout, installable units, artifacts and the "scLLM" category. */
class UpdateSiteArchiveTest {

    private final PackagedSite site = PackagedSite.load();
    private final String version = PackagedSite.osgiVersion();

    @Test
    void zipHoldsTheFeatureJarNamedAfterFeatureIdAndOsgiVersion() {
        assertEquals("features/" + PackagedSite.FEATURE_ID + "_" + version + ".jar",
                site.onlyJar("features", PackagedSite.FEATURE_ID));
    }

    @Test
    void zipHoldsTheBundleJarNamedAfterSymbolicNameAndOsgiVersion() {
        assertEquals("plugins/" + PackagedSite.BUNDLE_ID + "_" + version + ".jar",
                site.onlyJar("plugins", PackagedSite.BUNDLE_ID));
    }

    @Test
    void zipHoldsRepositoryMetadataAtItsRoot() {
        assertTrue(site.entries().containsKey("content.jar") || site.entries().containsKey("content.xml"),
                () -> "No content.jar or content.xml at the root of " + site.zip() + ": " + site.entries().keySet());
        assertTrue(site.entries().containsKey("artifacts.jar") || site.entries().containsKey("artifacts.xml"),
                () -> "No artifacts.jar or artifacts.xml at the root of " + site.zip() + ": " + site.entries().keySet());
    }

    @Test
    void zipHoldsNothingButMetadataFeaturesAndPlugins() {
        for (String name : site.entries().keySet()) {
            boolean expected = name.equals("features/") || name.equals("plugins/")
                    || name.matches("features/[^/]+\\.jar") || name.matches("plugins/[^/]+\\.jar")
                    || name.matches("(content|artifacts)\\.(jar|xml)") || name.equals("p2.index");
            assertTrue(expected, () -> "Unexpected entry " + name + " in " + site.zip());
        }
    }

    @Test
    void categoryScllmGroupsTheFeature() {
        Document content = site.contentXml();
        List<Element> categories = new ArrayList<>();
        for (Element unit : units(content)) {
            if ("true".equals(property(unit, "org.eclipse.equinox.p2.type.category").orElse(null))
                    && "scLLM".equals(property(unit, "org.eclipse.equinox.p2.name").orElse(null))) {
                categories.add(unit);
            }
        }
        assertEquals(1, categories.size(), "Expected one category unit named 'scLLM' in content.xml");
        assertEquals("io.github.scllm.knime.category.scllm", categories.get(0).getAttribute("id"),
                "The category id must be stable across checkouts");
        assertTrue(requires(categories.get(0), PackagedSite.FEATURE_ID + ".feature.group"),
                "The scLLM category does not contain " + PackagedSite.FEATURE_ID + ".feature.group");
    }

    @Test
    void featureGroupRequiresExactlyThisBundleVersionAndKnimeCore() {
        Element group = unit(site.contentXml(), PackagedSite.FEATURE_ID + ".feature.group");
        assertEquals(version, group.getAttribute("version"), "feature group version");
        assertEquals(Optional.of("[" + version + "," + version + "]"),
                requirementRange(group, "org.eclipse.equinox.p2.iu", PackagedSite.BUNDLE_ID),
                "The feature group must require exactly the bundle built with it");
        Optional<String> knime = requirementRange(group, "org.eclipse.equinox.p2.iu", "org.knime.core");
        assertTrue(knime.isPresent() && knime.get().startsWith("5.5.0"),
                () -> "The feature group must require org.knime.core >= 5.5.0, found range " + knime);
    }

    @Test
    void bundleUnitRequiresKnimeCoreFiveFiveUpToSix() {
        Element bundle = unit(site.contentXml(), PackagedSite.BUNDLE_ID);
        assertEquals(version, bundle.getAttribute("version"), "bundle unit version");
        assertEquals(Optional.of("[5.5.0,6.0.0)"), requirementRange(bundle, "osgi.bundle", "org.knime.core"));
    }

    @Test
    void artifactsListTheBundleAndTheFeature() {
        Document artifacts = site.artifactsXml();
        NodeList list = artifacts.getElementsByTagName("artifact");
        boolean bundle = false;
        boolean feature = false;
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            bundle |= "osgi.bundle".equals(a.getAttribute("classifier"))
                    && PackagedSite.BUNDLE_ID.equals(a.getAttribute("id")) && version.equals(a.getAttribute("version"));
            feature |= "org.eclipse.update.feature".equals(a.getAttribute("classifier"))
                    && PackagedSite.FEATURE_ID.equals(a.getAttribute("id")) && version.equals(a.getAttribute("version"));
        }
        assertTrue(bundle, "artifacts.xml lacks osgi.bundle " + PackagedSite.BUNDLE_ID + " " + version);
        assertTrue(feature, "artifacts.xml lacks org.eclipse.update.feature " + PackagedSite.FEATURE_ID + " " + version);
    }

    @Test
    void repositoryReferencesNoOtherSite() {
        NodeList references = site.contentXml().getElementsByTagName("repository");
        // the root element is named "repository" too; nested ones are references to other sites
        for (int i = 0; i < references.getLength(); i++) {
            Element r = (Element) references.item(i);
            assertFalse(r.hasAttribute("uri") || r.hasAttribute("url"),
                    () -> "content.xml references another repository: " + r.getAttribute("uri") + r.getAttribute("url"));
        }
    }

    @Test
    void metadataNamesNoPathOfTheBuildMachine() {
        for (String name : new String[] {"content.xml", "artifacts.xml"}) {
            String text = new String(site.entry(name), java.nio.charset.StandardCharsets.UTF_8);
            int at = text.indexOf("file:");
            assertTrue(at < 0, () -> name + " in " + site.zip() + " names a local path: "
                    + text.substring(at, Math.min(text.length(), at + 120)));
        }
        assertEquals("scLLM for KNIME", site.contentXml().getDocumentElement().getAttribute("name"),
                "metadata repository name");
        assertEquals("scLLM for KNIME", site.artifactsXml().getDocumentElement().getAttribute("name"),
                "artifact repository name");
    }

    private static List<Element> units(Document content) {
        List<Element> units = new ArrayList<>();
        NodeList list = content.getElementsByTagName("unit");
        for (int i = 0; i < list.getLength(); i++) {
            units.add((Element) list.item(i));
        }
        return units;
    }

    private static Element unit(Document content, String id) {
        List<Element> found = new ArrayList<>();
        for (Element unit : units(content)) {
            if (id.equals(unit.getAttribute("id"))) {
                found.add(unit);
            }
        }
        assertEquals(1, found.size(), "Expected one unit " + id + " in content.xml");
        return found.get(0);
    }

    private static Optional<String> property(Element unit, String name) {
        NodeList properties = unit.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (name.equals(p.getAttribute("name")) && p.getParentNode().getParentNode() == unit) {
                return Optional.of(p.getAttribute("value"));
            }
        }
        return Optional.empty();
    }

    private static boolean requires(Element unit, String name) {
        return requirementRange(unit, "org.eclipse.equinox.p2.iu", name).isPresent();
    }

    private static Optional<String> requirementRange(Element unit, String namespace, String name) {
        NodeList required = unit.getElementsByTagName("required");
        for (int i = 0; i < required.getLength(); i++) {
            Element r = (Element) required.item(i);
            if (namespace.equals(r.getAttribute("namespace")) && name.equals(r.getAttribute("name"))) {
                return Optional.of(r.getAttribute("range"));
            }
        }
        return Optional.empty();
    }
}
