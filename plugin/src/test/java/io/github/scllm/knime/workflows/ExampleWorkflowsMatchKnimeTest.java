package io.github.scllm.knime.workflows;

import io.github.scllm.knime.TestPaths;
import io.github.scllm.shim.harness.NodeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed example workflows against things KNIME wrote or defines: the node files of a real workflow saved by
 * KNIME (the shared example {@code .knwf}), KNIME's version ordering, and its {@code knime://knime.workflow} URLs.
 */
class ExampleWorkflowsMatchKnimeTest {

    /** The core bundle of the KNIME 5.5.0 release, the oldest release the nodes support. */
    private static final String KNIME_5_5_0 = "5.5.0.v202506251332";

    private static Path workflowsRoot() {
        return TestPaths.pluginRoot().getParent().resolve("test-workflows");
    }

    /**
     * KNIME's version order: major, minor and micro as numbers, then the qualifier as a string; missing parts are
     * 0 and the empty qualifier.
     */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.", 4);
        String[] y = b.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }

    @Test
    void versionOrderIsKnimes() {
        // the qualifier written before this check existed, one week after the 5.5.0 release: KNIME 5.5.0 saw a
        // workflow of a future version
        assertTrue(compareVersions("5.5.0.v202507010000", KNIME_5_5_0) > 0);
        assertTrue(compareVersions("5.5.0", KNIME_5_5_0) < 0);
        assertTrue(compareVersions("5.10.0.v1", "5.9.9.v9") > 0);
        assertEquals(0, compareVersions(KNIME_5_5_0, KNIME_5_5_0));
    }

    @Test
    void createdByIsNoNewerThanTheOldestSupportedRelease(@TempDir Path tmp) throws Exception {
        String real = workflowKnime(realExample(tmp)).getString("created_by");
        for (String name : ExampleWorkflows.names()) {
            String createdBy = workflowKnime(workflowsRoot().resolve(name)).getString("created_by");
            assertEquals(real.split("\\.").length, createdBy.split("\\.").length,
                name + ": created_by " + createdBy + " is not in the form KNIME writes (" + real + ")");
            assertTrue(compareVersions(createdBy, KNIME_5_5_0) <= 0,
                name + ": created_by " + createdBy + " is newer than KNIME " + KNIME_5_5_0);
            assertTrue(compareVersions(createdBy, "5.5.0") >= 0, name + ": created_by " + createdBy + " predates 5.5");
        }
    }

    /**
     * Every node file has the top-level keys of the real workflow's node files in the same order, and the
     * {@code ports} and {@code filestores} configs KNIME's persistor reads: one {@code port_i} per output port with
     * the real files' {@code index} and {@code port_dir_location} keys (no port folder: not executed), and the real
     * files' file-store keys without a file store.
     */
    @Test
    void everyNodeFileHasTheLayoutOfARealWorkflowsNodeFiles(@TempDir Path tmp) throws Exception {
        List<NodeSettingsRO> realNodes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(realExample(tmp))) {
            for (Path p : walk.filter(f -> f.getFileName().toString().equals("settings.xml")).toList()) {
                realNodes.add(load(p));
            }
        }
        assertTrue(realNodes.size() > 10, "the real example holds " + realNodes.size() + " node files");
        Set<List<String>> realLayouts = new LinkedHashSet<>();
        for (NodeSettingsRO n : realNodes) {
            realLayouts.add(topLevelKeys(n));
        }
        assertEquals(1, realLayouts.size(), "node files of the real example differ in layout: " + realLayouts);
        List<String> realLayout = realLayouts.iterator().next();
        NodeSettingsRO realPort = realNodes.stream().map(n -> config(n, "ports"))
            .filter(p -> p.keySet().contains("port_1")).findFirst().map(p -> config(p, "port_1")).orElseThrow();
        List<String> realPortKeys = keys(realPort);
        List<String> realFileStoreKeys = keys(config(realNodes.get(0), "filestores"));
        int nodes = 0;
        for (String name : ExampleWorkflows.names()) {
            Path dir = workflowsRoot().resolve(name);
            NodeSettingsRO list = workflowKnime(dir).getNodeSettings("nodes");
            for (String key : list) {
                Path file = dir.resolve(list.getNodeSettings(key).getString("node_settings_file"));
                NodeSettingsRO node = load(file);
                assertEquals(realLayout, topLevelKeys(node), file + ": top-level keys differ from KNIME's");
                NodeSettingsRO ports = config(node, "ports");
                int outputs = outputs(node.getString("factory"));
                assertEquals(outputs, ports.keySet().size(), file + ": one port config per output port");
                for (int i = 1; i <= outputs; i++) {
                    NodeSettingsRO port = config(ports, "port_" + i);
                    List<String> portKeys = keys(port);
                    assertEquals(List.of(realPortKeys.get(0), realPortKeys.get(realPortKeys.size() - 1)), portKeys,
                        file + ": port_" + i);
                    assertEquals(i, port.getInt("index"), file + ": port_" + i);
                    assertNull(port.getString("port_dir_location"), file + ": an unexecuted node has no port data");
                }
                NodeSettingsRO fileStores = config(node, "filestores");
                assertEquals(realFileStoreKeys, keys(fileStores), file.toString());
                for (String k : realFileStoreKeys) {
                    assertNull(fileStores.getString(k), file + ": an unexecuted node has no file store (" + k + ")");
                }
                assertEquals("IDLE", node.getString("state"), file.toString());
                nodes++;
            }
        }
        assertTrue(nodes >= 40, "checked " + nodes + " node files");
    }

    /**
     * Every file a workflow reads ships in its {@code data/} folder (folder and .knwf) and is named by a
     * {@code knime://knime.workflow/} URL, both as the workflow variable's value and as the node setting the
     * variable controls; the output goes there too.
     */
    @Test
    void workflowsReadOnlyTheDataTheyShip() throws Exception {
        String prefix = "knime://knime.workflow/";
        for (String name : ExampleWorkflows.names()) {
            Path dir = workflowsRoot().resolve(name);
            NodeSettingsRO vars = workflowKnime(dir).getNodeSettings("workflow_variables");
            Set<String> zipEntries = zipEntries(workflowsRoot().resolve(name + ".knwf"));
            assertFalse(vars.keySet().isEmpty(), name);
            for (String key : vars) {
                String value = vars.getNodeSettings(key).getString("value");
                String variable = vars.getNodeSettings(key).getString("name");
                assertTrue(value.startsWith(prefix + "data/"), name + ": " + variable + " = " + value);
                String relative = value.substring(prefix.length());
                if (!variable.equals("output_file")) {
                    assertTrue(Files.isRegularFile(dir.resolve(relative)), name + ": " + relative + " is not shipped");
                    assertTrue(zipEntries.contains(name + "/" + relative), name + ".knwf lacks " + relative);
                }
            }
            NodeSettingsRO list = workflowKnime(dir).getNodeSettings("nodes");
            for (String key : list) {
                NodeSettingsRO node = load(dir.resolve(list.getNodeSettings(key).getString("node_settings_file")));
                if (!node.containsKey("variables")) {
                    continue;
                }
                NodeSettingsRO tree = node.getNodeSettings("variables").getNodeSettings("tree");
                for (String setting : tree) {
                    String value = node.getNodeSettings("model").getString(setting);
                    assertTrue(value.startsWith(prefix), name + ": " + setting + " = " + value);
                }
            }
        }
    }

    /** KNIME's CSV Writer writes no row-ID column; Partitioning has the key 5.5 reads for an empty input. */
    @Test
    void knimeNodesAreConfiguredAsTheExamplesSay() throws Exception {
        int writers = 0;
        int partitionings = 0;
        for (String name : ExampleWorkflows.names()) {
            Path dir = workflowsRoot().resolve(name);
            NodeSettingsRO list = workflowKnime(dir).getNodeSettings("nodes");
            for (String key : list) {
                NodeSettingsRO node = load(dir.resolve(list.getNodeSettings(key).getString("node_settings_file")));
                NodeSettingsRO model = node.getNodeSettings("model");
                if (node.getString("factory").endsWith(".CSVWriterNodeFactory")) {
                    assertFalse(model.getBoolean("writeRowHeader"), name + ": CSV Writer writes row IDs");
                    assertTrue(model.getBoolean("writeColHeader"), name);
                    writers++;
                } else if (node.getString("factory").endsWith(".PartitionNodeFactory")) {
                    assertTrue(Set.of("FAIL", "OUTPUT_EMPTY").contains(model.getString("actionEmpty")), name);
                    partitionings++;
                }
            }
        }
        assertEquals(1, writers);
        assertEquals(3, partitionings);
    }

    private static int outputs(String factory) throws Exception {
        int[] knime = ExampleWorkflows.KNIME_NODE_PORTS.get(factory);
        return knime != null ? knime[1] : NodeHarness.outPortTypes(ExampleWorkflows.newModel(factory)).size();
    }

    /** Top-level keys without the optional ones (annotation, flow-variable bindings). */
    private static List<String> topLevelKeys(NodeSettingsRO node) {
        List<String> keys = keys(node);
        keys.removeAll(List.of("nodeAnnotation", "variables"));
        return keys;
    }

    private static List<String> keys(NodeSettingsRO config) {
        List<String> keys = new ArrayList<>();
        config.forEach(keys::add);
        return keys;
    }

    private static NodeSettingsRO config(NodeSettingsRO parent, String key) {
        try {
            return parent.getNodeSettings(key);
        } catch (Exception e) {
            throw new AssertionError("no config '" + key + "' in " + keys(parent), e);
        }
    }

    private static Path realExample(Path tmp) throws IOException {
        Path knwf = TestPaths.knimeReference("example_third_party_workflow.knwf");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(knwf))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path target = tmp.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(tmp), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static Set<String> zipEntries(Path knwf) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(knwf))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static NodeSettingsRO workflowKnime(Path dir) throws IOException {
        return load(dir.resolve("workflow.knime"));
    }

    private static NodeSettingsRO load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return NodeSettings.loadFromXML(in);
        }
    }
}
