package io.github.scllm.knime.workflows;

import io.github.scllm.shim.harness.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsWO;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a KNIME workflow in the on-disk layout KNIME itself loads: {@code workflow.knime} with nodes, connections
 * and workflow variables, one {@code "<Name> (#<id>)/settings.xml"} per node naming its factory, bundle and feature
 * and holding the {@code ports} and {@code filestores} configs KNIME's node persistor reads for an unexecuted node,
 * the data files the workflow ships in {@code data/}, and the same folder zipped as a {@code .knwf} with one
 * top-level folder. Port 0 of every node is its implicit flow-variable port, so data ports start at 1. Output is
 * deterministic (no timestamps, sorted zip entries).
 */
final class WorkflowWriter {

    /**
     * The KNIME version the workflows claim to be created by: the qualifier of the 5.5.0 release's core bundle, the
     * oldest release the nodes support. KNIME compares it (major, minor, micro, then qualifier) with the running
     * version and treats a larger one as coming from a future release, which the batch executor refuses by default.
     */
    static final String CREATED_BY = "5.5.0.v202506251332";

    /** The folder inside a workflow that holds the files it ships, as KNIME's own example workflows do. */
    static final String DATA_FOLDER = "data";

    /** How a node refers to a file shipped in {@link #DATA_FOLDER}, resolved by KNIME against the workflow. */
    static final String WORKFLOW_URL_PREFIX = "knime://knime.workflow/";

    /** Where a node comes from, as KNIME records it to tell users what to install. */
    record Origin(String bundleName, String bundleSymbolicName, String bundleVendor, String bundleVersion,
        String featureName, String featureSymbolicName, String featureVendor, String featureVersion) {

        static final Origin SCLLM = new Origin("scLLM for KNIME", "io.github.scllm.knime",
            "scLLM for KNIME contributors", "0.1.0", "scLLM for KNIME", "io.github.scllm.knime.feature.feature.group",
            "scLLM for KNIME contributors", "0.1.0");

        static final Origin KNIME_BASE = new Origin("KNIME Base Nodes", "org.knime.base", "KNIME AG, Zurich, Switzerland",
            "5.5.0", "KNIME Core", "org.knime.features.base.feature.group", "KNIME AG, Zurich, Switzerland", "5.5.0");
    }

    /**
     * @param id        node id, unique in the workflow
     * @param name      node name as shown in KNIME (also the folder name)
     * @param factory   fully qualified NodeFactory class name
     * @param model     the settings the node model saves
     * @param variables setting key (top level of {@code model}) → workflow variable that controls it
     * @param outputs   number of the node's output ports, not counting the flow-variable port
     */
    record Node(int id, String name, String factory, Origin origin, NodeSettings model,
        Map<String, String> variables, int outputs, int x, int y) {

        String folder() {
            return name.replaceAll("[^A-Za-z0-9 ]", "_") + " (#" + id + ")";
        }
    }

    record Connection(int source, int sourcePort, int dest, int destPort) {
    }

    private final String name;
    private final String description;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<String[]> workflowVariables = new ArrayList<>();
    private final Map<String, Path> shippedFiles = new TreeMap<>();

    WorkflowWriter(final String name, final String description) {
        this.name = name;
        this.description = description;
    }

    WorkflowWriter node(final Node node) {
        nodes.add(node);
        return this;
    }

    /** Connects data port {@code sourcePort} (1-based) of one node to data port {@code destPort} of another. */
    WorkflowWriter connect(final int source, final int sourcePort, final int dest, final int destPort) {
        connections.add(new Connection(source, sourcePort, dest, destPort));
        return this;
    }

    /** A string workflow variable, overridable with the batch executor's {@code -workflow.variable=name,value,String}. */
    WorkflowWriter stringVariable(final String variable, final String value) {
        workflowVariables.add(new String[] {variable, value});
        return this;
    }

    /**
     * Ships a copy of {@code file} in the workflow's {@link #DATA_FOLDER}, so that the workflow runs as imported.
     *
     * @return the {@code knime://knime.workflow/…} URL by which a node setting refers to the copy
     */
    String ship(final Path file) {
        String name = file.getFileName().toString();
        Path earlier = shippedFiles.putIfAbsent(name, file);
        if (earlier != null && !earlier.equals(file)) {
            throw new IllegalArgumentException("Two shipped files are named " + name + ": " + earlier + ", " + file);
        }
        return WORKFLOW_URL_PREFIX + DATA_FOLDER + "/" + name;
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Writes {@code parent/<name>/…} and {@code parent/<name>.knwf}, replacing earlier versions. */
    void write(final Path parent) throws IOException {
        Path dir = parent.resolve(name);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        writeText(dir.resolve("workflow.knime"), NodeHarness.toXml(workflowKnime()));
        writeText(dir.resolve("workflowset.meta"), workflowSetMeta());
        for (Node node : nodes) {
            Path nodeDir = dir.resolve(node.folder());
            Files.createDirectories(nodeDir);
            writeText(nodeDir.resolve("settings.xml"), NodeHarness.toXml(nodeSettingsXml(node)));
        }
        for (Map.Entry<String, Path> shipped : shippedFiles.entrySet()) {
            Path target = dir.resolve(DATA_FOLDER).resolve(shipped.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(shipped.getValue(), target);
        }
        zip(dir, parent.resolve(name + ".knwf"));
    }

    private NodeSettings workflowKnime() {
        NodeSettings root = new NodeSettings("workflow.knime");
        root.addString("created_by", CREATED_BY);
        root.addString("created_by_nightly", "false");
        root.addString("version", "5.1.0");
        root.addString("name", null);
        NodeSettingsWO author = root.addNodeSettings("authorInformation");
        author.addString("authored-by", "scLLM for KNIME");
        author.addString("authored-when", "2026-01-01 00:00:00 +0000");
        author.addString("lastEdited-by", "scLLM for KNIME");
        author.addString("lastEdited-when", "2026-01-01 00:00:00 +0000");
        root.addString("customDescription", null);
        root.addString("state", "IDLE");
        NodeSettingsWO vars = root.addNodeSettings("workflow_variables");
        for (int i = 0; i < workflowVariables.size(); i++) {
            NodeSettingsWO v = vars.addNodeSettings("Var_" + i);
            v.addString("name", workflowVariables.get(i)[0]);
            v.addString("class", "STRING");
            v.addString("value", workflowVariables.get(i)[1]);
        }
        root.addNodeSettings("workflow_credentials");
        root.addNodeSettings("annotations");
        NodeSettingsWO nodeList = root.addNodeSettings("nodes");
        for (Node node : nodes) {
            NodeSettingsWO n = nodeList.addNodeSettings("node_" + node.id());
            n.addInt("id", node.id());
            n.addString("node_settings_file", node.folder() + "/settings.xml");
            n.addBoolean("node_is_meta", false);
            n.addString("node_type", "NativeNode");
            n.addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            NodeSettingsWO bounds = n.addNodeSettings("ui_settings").addNodeSettings("extrainfo.node.bounds");
            bounds.addInt("array-size", 4);
            bounds.addInt("0", node.x());
            bounds.addInt("1", node.y());
            bounds.addInt("2", 120);
            bounds.addInt("3", 80);
        }
        NodeSettingsWO conns = root.addNodeSettings("connections");
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            NodeSettingsWO s = conns.addNodeSettings("connection_" + i);
            s.addInt("sourceID", c.source());
            s.addInt("destID", c.dest());
            s.addInt("sourcePort", c.sourcePort());
            s.addInt("destPort", c.destPort());
        }
        return root;
    }

    private static NodeSettings nodeSettingsXml(final Node node) {
        NodeSettings root = new NodeSettings("settings.xml");
        root.addString("node_file", "settings.xml");
        root.addNodeSettings("flow_stack");
        root.addNodeSettings("internal_node_subsettings").addString("memory_policy", "CacheSmallInMemory");
        node.model().copyTo(root.addNodeSettings("model"));
        if (!node.variables().isEmpty()) {
            NodeSettingsWO variables = root.addNodeSettings("variables");
            variables.addString("version", "V_2019_09_13");
            NodeSettingsWO tree = variables.addNodeSettings("tree");
            node.variables().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                NodeSettingsWO bound = tree.addNodeSettings(e.getKey());
                bound.addString("used_variable", e.getValue());
                bound.addBoolean("used_variable_flawed", false);
                bound.addString("exposed_variable", null);
            });
        }
        root.addString("customDescription", null);
        root.addString("state", "IDLE");
        root.addString("factory", node.factory());
        root.addString("node-name", node.name());
        Origin o = node.origin();
        root.addString("node-bundle-name", o.bundleName());
        root.addString("node-bundle-symbolic-name", o.bundleSymbolicName());
        root.addString("node-bundle-vendor", o.bundleVendor());
        root.addString("node-bundle-version", o.bundleVersion());
        root.addString("node-feature-name", o.featureName());
        root.addString("node-feature-symbolic-name", o.featureSymbolicName());
        root.addString("node-feature-vendor", o.featureVendor());
        root.addString("node-feature-version", o.featureVersion());
        root.addNodeSettings("factory_settings");
        root.addString("name", node.name());
        root.addBoolean("hasContent", false);
        root.addBoolean("isInactive", false);
        // What KNIME's node persistor saves for a node without data: every output port (1-based, the flow-variable
        // port 0 left out) without a port folder, and no file store. Loading reads both configs unconditionally.
        NodeSettingsWO ports = root.addNodeSettings("ports");
        for (int port = 1; port <= node.outputs(); port++) {
            NodeSettingsWO p = ports.addNodeSettings("port_" + port);
            p.addInt("index", port);
            p.addString("port_dir_location", null);
        }
        NodeSettingsWO fileStores = root.addNodeSettings("filestores");
        fileStores.addString("file_store_location", null);
        fileStores.addString("file_store_id", null);
        return root;
    }

    private String workflowSetMeta() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><KNIMEMetaInfo nrOfElements=\"2\">\n"
            + "<element form=\"text\" read-only=\"false\" name=\"Author\">scLLM for KNIME</element>\n"
            + "<element form=\"multiline\" name=\"Comments\" read-only=\"false\">" + escape(description)
            + "</element>\n</KNIMEMetaInfo>\n";
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void writeText(final Path file, final String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void zip(final Path dir, final Path knwf) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Path tmp = knwf.resolveSibling(knwf.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                String entryName = dir.getFileName() + "/" + dir.relativize(file).toString().replace('\\', '/');
                ZipEntry entry = new ZipEntry(entryName);
                entry.setLastModifiedTime(FileTime.fromMillis(0));
                zip.putNextEntry(entry);
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        Files.move(tmp, knwf, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
