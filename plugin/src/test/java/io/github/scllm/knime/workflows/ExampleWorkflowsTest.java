package io.github.scllm.knime.workflows;

import io.github.scllm.knime.PluginXml;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.shim.harness.NodeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The example workflows in {@code test-workflows/}: committed files equal what {@link ExampleWorkflows} generates,
 * every node of ours names a registered factory whose model accepts the saved settings, every node of KNIME's names
 * a known factory, and every connection joins existing ports of compatible types (port 0 = flow variables).
 * Regenerate with {@code -Dscllm.writeWorkflows=true}.
 */
class ExampleWorkflowsTest {

    private static final Map<String, int[]> KNIME_NODES = ExampleWorkflows.KNIME_NODE_PORTS;

    private static final PortType TABLE = BufferedDataTable.TYPE;

    private static Path workflowsRoot() {
        return TestPaths.pluginRoot().getParent().resolve("test-workflows");
    }

    @Test
    void committedWorkflowsAreWhatTheGeneratorWrites(@TempDir Path tmp) throws Exception {
        if (Boolean.getBoolean("scllm.writeWorkflows")) {
            ExampleWorkflows.writeAll(workflowsRoot());
        }
        ExampleWorkflows.writeAll(tmp);
        List<String> names = ExampleWorkflows.names();
        assertEquals(4, names.size());
        for (String name : names) {
            assertEquals(tree(tmp.resolve(name)), tree(workflowsRoot().resolve(name)),
                name + " differs from the generator: run the plugin tests with -Dscllm.writeWorkflows=true");
            assertEquals(zipTree(tmp.resolve(name + ".knwf")), zipTree(workflowsRoot().resolve(name + ".knwf")),
                name + ".knwf differs from the generator");
        }
    }

    @Test
    void knwfArchivesHoldOneTopLevelFolderWithTheWorkflow() throws Exception {
        for (String name : ExampleWorkflows.names()) {
            Map<String, String> entries = zipTree(workflowsRoot().resolve(name + ".knwf"));
            assertTrue(entries.containsKey(name + "/workflow.knime"), name);
            assertTrue(entries.keySet().stream().allMatch(e -> e.startsWith(name + "/")), name);
        }
    }

    @Test
    void everyNodeIsKnownAndItsSettingsPassValidation() throws Exception {
        List<String> registered = PluginXml.read().nodeFactories();
        for (String name : ExampleWorkflows.names()) {
            Path dir = workflowsRoot().resolve(name);
            for (NodeEntry node : nodes(dir)) {
                if (node.factory().startsWith("io.github.scllm.")) {
                    assertTrue(registered.contains(node.factory()),
                        name + ": " + node.factory() + " is not registered in plugin.xml");
                    NodeModel model = newModel(node.factory());
                    NodeSettings settings = NodeHarness.modelSettingsOf(node.settingsFile());
                    NodeHarness.loadSettings(model, settings);
                    assertEquals("io.github.scllm.knime", node.all().getString("node-bundle-symbolic-name"));
                } else {
                    assertTrue(KNIME_NODES.containsKey(node.factory()), name + ": unexpected node " + node.factory());
                    assertEquals("org.knime.base", node.all().getString("node-bundle-symbolic-name"));
                }
            }
        }
    }

    @Test
    void everyConnectionJoinsExistingPortsOfCompatibleTypes() throws Exception {
        for (String name : ExampleWorkflows.names()) {
            Path dir = workflowsRoot().resolve(name);
            Map<Integer, NodeEntry> byId = new HashMap<>();
            for (NodeEntry node : nodes(dir)) {
                byId.put(node.id(), node);
            }
            NodeSettingsRO connections = workflowKnime(dir).getNodeSettings("connections");
            Map<String, Integer> connectedInputs = new HashMap<>();
            for (String key : connections) {
                NodeSettingsRO c = connections.getNodeSettings(key);
                NodeEntry source = byId.get(c.getInt("sourceID"));
                NodeEntry dest = byId.get(c.getInt("destID"));
                assertTrue(source != null && dest != null, name + ": " + key + " names a missing node");
                List<PortType> outs = ports(source.factory(), false);
                List<PortType> ins = ports(dest.factory(), true);
                int sourcePort = c.getInt("sourcePort");
                int destPort = c.getInt("destPort");
                assertTrue(sourcePort >= 1 && sourcePort <= outs.size(),
                    name + ": " + key + " leaves missing output port " + sourcePort + " of " + source.factory());
                assertTrue(destPort >= 1 && destPort <= ins.size(),
                    name + ": " + key + " enters missing input port " + destPort + " of " + dest.factory());
                PortType out = outs.get(sourcePort - 1);
                PortType in = ins.get(destPort - 1);
                assertTrue(in.acceptsPortObjectClass(out.getPortObjectClass()),
                    name + ": " + key + " joins " + out + " to " + in);
                assertFalse(connectedInputs.containsKey(dest.id() + ":" + destPort),
                    name + ": input port " + destPort + " of node " + dest.id() + " connected twice");
                connectedInputs.put(dest.id() + ":" + destPort, 1);
            }
            for (NodeEntry node : byId.values()) {
                List<PortType> ins = ports(node.factory(), true);
                for (int p = 1; p <= ins.size(); p++) {
                    assertTrue(ins.get(p - 1).isOptional() || connectedInputs.containsKey(node.id() + ":" + p),
                        name + ": required input port " + p + " of " + node.factory() + " is not connected");
                }
            }
        }
    }

    record NodeEntry(int id, String factory, Path settingsFile, NodeSettingsRO all) {
    }

    private static List<NodeEntry> nodes(Path dir) throws Exception {
        NodeSettingsRO nodeList = workflowKnime(dir).getNodeSettings("nodes");
        List<NodeEntry> result = new ArrayList<>();
        for (String key : nodeList) {
            NodeSettingsRO n = nodeList.getNodeSettings(key);
            Path settingsFile = dir.resolve(n.getString("node_settings_file"));
            assertTrue(Files.isRegularFile(settingsFile), settingsFile + " is missing");
            NodeSettingsRO all;
            try (InputStream in = Files.newInputStream(settingsFile)) {
                all = NodeSettings.loadFromXML(in);
            }
            result.add(new NodeEntry(n.getInt("id"), all.getString("factory"), settingsFile, all));
        }
        assertFalse(result.isEmpty(), dir + " has no nodes");
        return result;
    }

    private static NodeSettingsRO workflowKnime(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("workflow.knime"))) {
            return NodeSettings.loadFromXML(in);
        }
    }

    private static NodeModel newModel(String factoryClass) throws Exception {
        return ExampleWorkflows.newModel(factoryClass);
    }

    private static List<PortType> ports(String factoryClass, boolean inputs) throws Exception {
        List<PortType> result = new ArrayList<>();
        int[] known = KNIME_NODES.get(factoryClass);
        if (known != null) {
            for (int i = 0; i < (inputs ? known[0] : known[1]); i++) {
                result.add(TABLE);
            }
            return result;
        }
        NodeModel model = newModel(factoryClass);
        return inputs ? NodeHarness.inPortTypes(model) : NodeHarness.outPortTypes(model);
    }

    /** File → content: text files as text (readable differences), shipped binary data by digest. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), content(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static Map<String, String> zipTree(Path knwf) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(knwf))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), content(zip.readAllBytes()));
            }
        }
        if (entries.isEmpty()) {
            fail(knwf + " is empty");
        }
        return entries;
    }

    private static String content(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException binary) {
            try {
                return "sha-256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
