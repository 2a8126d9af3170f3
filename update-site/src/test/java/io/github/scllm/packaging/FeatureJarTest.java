package io.github.scllm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The feature jar: feature.xml at its root naming this bundle at the same OSGi version. */
class FeatureJarTest {

    private final PackagedSite site = PackagedSite.load();

    @Test
    void featureXmlSitsAtTheJarRootWithIdLabelAndVersion() {
        Element feature = featureXml();
        assertEquals(PackagedSite.FEATURE_ID, feature.getAttribute("id"));
        assertEquals("scLLM for KNIME", feature.getAttribute("label"));
        assertEquals(PackagedSite.osgiVersion(), feature.getAttribute("version"));
        assertFalse(feature.getAttribute("provider-name").isBlank(), "feature provider-name is blank");
        for (String child : new String[] {"description", "copyright", "license"}) {
            assertEquals(1, feature.getElementsByTagName(child).getLength(), "feature.xml <" + child + ">");
        }
    }

    @Test
    void featureIncludesTheBundlePackedAtTheSameVersion() {
        NodeList plugins = featureXml().getElementsByTagName("plugin");
        assertEquals(1, plugins.getLength(), "feature.xml must include exactly one <plugin>");
        Element plugin = (Element) plugins.item(0);
        assertEquals(PackagedSite.BUNDLE_ID, plugin.getAttribute("id"));
        assertEquals(PackagedSite.osgiVersion(), plugin.getAttribute("version"));
        assertEquals("false", plugin.getAttribute("unpack"), "the bundle must install as a jar (unpack=false)");
    }

    private Element featureXml() {
        byte[] xml = site.featureJar().get("feature.xml");
        assertNotNull(xml, "The feature jar has no feature.xml at its root");
        return PackagedSite.parseXml(xml, "feature.xml").getDocumentElement();
    }
}
