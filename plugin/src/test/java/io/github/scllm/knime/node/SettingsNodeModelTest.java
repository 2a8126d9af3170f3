package io.github.scllm.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortType;
import org.knime.core.node.workflow.ICredentials;

import io.github.scllm.shim.harness.NodeHarness;

class SettingsNodeModelTest {

    /** A node whose configure passes its input through and whose API key comes from the named credentials. */
    static final class PassThrough extends SettingsNodeModel<ModelSettingsTest.Sample> {
        PassThrough() {
            super(1, 1, new ModelSettingsTest.Sample());
        }

        PassThrough(PortType[] in, PortType[] out) {
            super(in, out, new ModelSettingsTest.Sample());
        }

        @Override
        protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
            return new DataTableSpec[] {inSpecs[0]};
        }

        @Override
        protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) {
            return inData;
        }

        String key(String credentialsName) throws InvalidSettingsException {
            return WorkflowCredentials.apiKey(getCredentialsProvider(), credentialsName);
        }
    }

    record Key(String getName, String getLogin, String getPassword) implements ICredentials {
    }

    @Test
    void settingsRoundTripThroughTheSettingsGroup() throws Exception {
        PassThrough source = new PassThrough();
        source.settings.label.setStringValue("Monocytes");
        source.settings.count.setIntValue(11);
        PassThrough target = new PassThrough();
        NodeSettings loaded = NodeHarness.settingsRoundTrip(source, target);
        assertEquals("Monocytes", target.settings.label.getStringValue());
        assertEquals(11, target.settings.count.getIntValue());
        assertEquals(1, target.settings.loads);
        assertEquals(List.of("label", "count", "mode"), loaded.keySet().stream().filter(k -> !k.endsWith("_Internals")).toList());
    }

    @Test
    void invalidSettingsAreRejectedAndTheNodeKeepsItsOwn() {
        PassThrough node = new PassThrough();
        NodeSettings s = NodeHarness.saveSettings(node);
        s.addString("label", "");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> NodeHarness.loadSettings(node,
            s));
        assertTrue(e.getMessage().contains("The label is empty"), e.getMessage());
        assertEquals("Cells", node.settings.label.getStringValue());
    }

    @Test
    void internalsAndResetKeepNothing(@TempDir Path dir) throws Exception {
        PassThrough node = new PassThrough(new PortType[] {BufferedDataTable.TYPE}, new PortType[] {
            BufferedDataTable.TYPE});
        NodeHarness.saveInternals(node, dir);
        NodeHarness.loadInternals(node, dir);
        NodeHarness.reset(node);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertEquals(1, NodeHarness.inPortTypes(node).size());
        assertEquals(1, NodeHarness.outPortTypes(node).size());
    }

    @Test
    void aNodeWithoutSettingsCannotBeBuilt() {
        class NoSettings extends SettingsNodeModel<ModelSettingsTest.Sample> {
            NoSettings() {
                super(0, 1, null);
            }
        }
        assertThrows(NullPointerException.class, NoSettings::new);
    }

    @Test
    void anApiKeyComesFromTheNamedWorkflowCredentials() throws InvalidSettingsException {
        PassThrough node = new PassThrough();
        NodeHarness.setCredentials(node, new Key("openai", "me", "sk-test"), new Key("empty", "me", " "));
        assertEquals("sk-test", node.key("openai"));
        assertNull(node.key(null));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.key("azure"));
        assertTrue(e.getMessage().contains("No workflow credentials named 'azure'"), e.getMessage());
        e = assertThrows(InvalidSettingsException.class, () -> node.key("empty"));
        assertTrue(e.getMessage().contains("The workflow credentials 'empty' have no password"), e.getMessage());
    }

    @Test
    void withoutACredentialsProviderANamedKeyIsReportedMissing() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> WorkflowCredentials.apiKey(null, "openai"));
        assertTrue(e.getMessage().contains("No workflow credentials named 'openai'"), e.getMessage());
    }
}
