package io.github.scllm.shim.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.config.base.ConfigBase;
import org.knime.core.node.message.Message;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.workflow.CredentialsProvider;
import org.knime.core.node.workflow.ICredentials;

/**
 * Runs a {@link NodeModel} the way the framework does, for node tests: settings through the XML config format,
 * configure, execute, internals, warnings, credentials and flow variables.
 */
public final class NodeHarness {

    /** Key of the node settings' root config, as in a node's settings.xml. */
    public static final String SETTINGS_KEY = "model";

    private NodeHarness() {
    }

    // ---- settings

    /**
     * @param model the node model
     * @return the settings it saves, under the key {@value #SETTINGS_KEY}
     */
    public static NodeSettings saveSettings(final NodeModel model) {
        NodeSettings s = new NodeSettings(SETTINGS_KEY);
        ShimAccess.callUnchecked(model, ShimAccess.findMethod(model.getClass(), "saveSettingsTo",
            NodeSettingsWO.class), s);
        return s;
    }

    /**
     * Validates the settings and, if valid, loads them, as the framework does when settings are applied.
     *
     * @param model the node model
     * @param settings the settings
     * @throws InvalidSettingsException if validation or loading fails
     */
    public static void loadSettings(final NodeModel model, final NodeSettingsRO settings)
        throws InvalidSettingsException {
        try {
            ShimAccess.call(model, ShimAccess.findMethod(model.getClass(), "validateSettings", NodeSettingsRO.class),
                settings);
            ShimAccess.call(model,
                ShimAccess.findMethod(model.getClass(), "loadValidatedSettingsFrom", NodeSettingsRO.class), settings);
        } catch (InvalidSettingsException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Unexpected checked exception while loading settings", e);
        }
    }

    /**
     * @param config settings or model content
     * @return the config in the XML config format
     */
    public static String toXml(final ConfigBase config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            config.saveToXML(out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing XML to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param xml settings in the XML config format
     * @return the parsed settings
     * @throws IOException if the text is not an XML config
     */
    public static NodeSettings fromXml(final String xml) throws IOException {
        return (NodeSettings)NodeSettings.loadFromXML(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Saves the settings of {@code source}, writes them as XML, parses the XML, validates and loads the result into
     * {@code target} (usually a fresh model) and returns what {@code target} saves afterwards.
     *
     * @param source the model whose settings are saved
     * @param target the model that loads them
     * @return the settings saved by {@code target} after loading
     * @throws InvalidSettingsException if {@code target} rejects the settings
     * @throws IOException if the XML cannot be parsed
     */
    public static NodeSettings settingsRoundTrip(final NodeModel source, final NodeModel target)
        throws InvalidSettingsException, IOException {
        NodeSettings parsed = fromXml(toXml(saveSettings(source)));
        loadSettings(target, parsed);
        return saveSettings(target);
    }

    /**
     * Reads the {@code model} sub-config of a node's settings.xml (as found in a workflow folder), i.e. the settings
     * the node model saved.
     *
     * @param settingsXml a node's settings.xml
     * @return the node model's settings
     * @throws IOException if the file cannot be read or parsed
     * @throws InvalidSettingsException if it has no {@code model} sub-config
     */
    public static NodeSettings modelSettingsOf(final Path settingsXml) throws IOException, InvalidSettingsException {
        try (InputStream in = Files.newInputStream(settingsXml)) {
            return modelSettingsOf(in, settingsXml.toString());
        }
    }

    /**
     * @param settingsXml the content of a node's settings.xml
     * @param source name of the source for error messages
     * @return the node model's settings
     * @throws IOException if the stream cannot be parsed
     * @throws InvalidSettingsException if it has no {@code model} sub-config
     */
    public static NodeSettings modelSettingsOf(final InputStream settingsXml, final String source)
        throws IOException, InvalidSettingsException {
        NodeSettingsRO all = NodeSettings.loadFromXML(settingsXml);
        try {
            return ((NodeSettings)all).getNodeSettings(SETTINGS_KEY);
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException("No \"" + SETTINGS_KEY + "\" sub-config in " + source
                + "; is it a node's settings.xml?", e);
        }
    }

    // ---- configure and execute

    /**
     * @param model the node model
     * @param inSpecs input specs (null for unconnected optional ports)
     * @return the output specs
     * @throws InvalidSettingsException if the model cannot be configured
     * @throws IllegalArgumentException if the number of specs differs from the number of input ports
     */
    public static PortObjectSpec[] configure(final NodeModel model, final PortObjectSpec... inSpecs)
        throws InvalidSettingsException {
        checkCount("input specs", inSpecs.length, inPortTypes(model).size());
        ensureCredentials(model);
        PortObjectSpec[] out;
        try {
            out = (PortObjectSpec[])ShimAccess.call(model,
                ShimAccess.findMethod(model.getClass(), "configure", PortObjectSpec[].class),
                (Object)inSpecs.clone());
        } catch (InvalidSettingsException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Unexpected checked exception from configure", e);
        }
        if (out == null || out.length != outPortTypes(model).size()) {
            throw new IllegalStateException("configure of " + model.getClass().getName() + " returned "
                + (out == null ? "null" : out.length + " specs") + " for " + outPortTypes(model).size() + " output ports.");
        }
        return out;
    }

    /**
     * @param model a node model with table ports only
     * @param inSpecs the input table specs
     * @return the output table specs
     * @throws InvalidSettingsException if the model cannot be configured
     */
    public static DataTableSpec[] configureTables(final NodeModel model, final DataTableSpec... inSpecs)
        throws InvalidSettingsException {
        PortObjectSpec[] out = configure(model, (PortObjectSpec[])inSpecs);
        DataTableSpec[] tables = new DataTableSpec[out.length];
        for (int i = 0; i < out.length; i++) {
            tables[i] = (DataTableSpec)out[i];
        }
        return tables;
    }

    /**
     * Executes the model; outputs must be non-null and fit the output port types.
     *
     * @param model the node model
     * @param exec the execution (see {@link RecordingExecution})
     * @param inObjects the inputs (null for unconnected optional ports)
     * @return the outputs
     * @throws Exception whatever the model's execute throws
     */
    public static PortObject[] execute(final NodeModel model, final RecordingExecution exec,
        final PortObject... inObjects) throws Exception {
        checkCount("inputs", inObjects.length, inPortTypes(model).size());
        ensureCredentials(model);
        PortObject[] out = (PortObject[])ShimAccess.call(model,
            ShimAccess.findMethod(model.getClass(), "execute", PortObject[].class, ExecutionContext.class),
            inObjects.clone(), exec.context());
        if (out == null || out.length != outPortTypes(model).size()) {
            throw new IllegalStateException("execute of " + model.getClass().getName() + " returned "
                + (out == null ? "null" : out.length + " objects") + " for " + outPortTypes(model).size()
                + " output ports.");
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new IllegalStateException("execute of " + model.getClass().getName() + " returned null at "
                    + "output port " + i + ".");
            }
            if (!outPortTypes(model).get(i).getPortObjectClass().isInstance(out[i])) {
                throw new IllegalStateException("Output " + i + " of " + model.getClass().getName() + " is a "
                    + out[i].getClass().getName() + ", expected " + outPortTypes(model).get(i) + ".");
            }
        }
        return out;
    }

    /**
     * @param model a node model with table ports only
     * @param exec the execution
     * @param inData the input tables
     * @return the output tables
     * @throws Exception whatever the model's execute throws
     */
    public static BufferedDataTable[] executeTables(final NodeModel model, final RecordingExecution exec,
        final BufferedDataTable... inData) throws Exception {
        PortObject[] out = execute(model, exec, (PortObject[])inData);
        BufferedDataTable[] tables = new BufferedDataTable[out.length];
        for (int i = 0; i < out.length; i++) {
            tables[i] = (BufferedDataTable)out[i];
        }
        return tables;
    }

    /**
     * @param model a node model
     * @return the types of its input ports, in order (KNIME keeps the accessors for the framework)
     */
    public static List<PortType> inPortTypes(final NodeModel model) {
        return portTypes(model, "getNrInPorts", "getInPortType");
    }

    /**
     * @param model a node model
     * @return the types of its output ports, in order
     */
    public static List<PortType> outPortTypes(final NodeModel model) {
        return portTypes(model, "getNrOutPorts", "getOutPortType");
    }

    private static List<PortType> portTypes(final NodeModel model, final String count, final String type) {
        int n = (Integer)ShimAccess.callUnchecked(model, ShimAccess.findMethod(NodeModel.class, count));
        Method get = ShimAccess.findMethod(NodeModel.class, type, int.class);
        List<PortType> types = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            types.add((PortType)ShimAccess.callUnchecked(model, get, i));
        }
        return types;
    }

    /**
     * @param model the node model
     */
    public static void reset(final NodeModel model) {
        ShimAccess.callUnchecked(model, ShimAccess.findMethod(model.getClass(), "reset"));
    }

    // ---- internals

    /**
     * @param model the node model
     * @param dir an existing folder
     * @throws Exception whatever the model's saveInternals throws
     */
    public static void saveInternals(final NodeModel model, final Path dir) throws Exception {
        ShimAccess.call(model,
            ShimAccess.findMethod(model.getClass(), "saveInternals", File.class, ExecutionMonitor.class),
            dir.toFile(), new ExecutionMonitor());
    }

    /**
     * @param model the node model
     * @param dir a folder written by {@link #saveInternals}
     * @throws Exception whatever the model's loadInternals throws
     */
    public static void loadInternals(final NodeModel model, final Path dir) throws Exception {
        ShimAccess.call(model,
            ShimAccess.findMethod(model.getClass(), "loadInternals", File.class, ExecutionMonitor.class),
            dir.toFile(), new ExecutionMonitor());
    }

    // ---- messages, credentials, flow variables

    /**
     * @param model the node model
     * @return the warning it set last, or null
     */
    public static Message warning(final NodeModel model) {
        return (Message)ShimAccess.callUnchecked(model, ShimAccess.findMethod(NodeModel.class, "warning"));
    }

    /**
     * @param model the node model
     * @param credentials the credentials the workflow provides
     */
    public static void setCredentials(final NodeModel model, final ICredentials... credentials) {
        CredentialsProvider p = ShimAccess.construct(CredentialsProvider.class, new Class<?>[]{Collection.class},
            List.of(credentials));
        ShimAccess.callUnchecked(model, ShimAccess.findMethod(NodeModel.class, "useCredentials",
            CredentialsProvider.class), p);
    }

    /**
     * @param model the node model
     * @param name variable name
     * @param value a String, Integer or Double
     * @throws IllegalArgumentException if the value has another type
     */
    public static void setFlowVariable(final NodeModel model, final String name, final Object value) {
        if (!(value instanceof String || value instanceof Integer || value instanceof Double)) {
            throw new IllegalArgumentException("Flow variable \"" + name + "\" must be a String, Integer or Double.");
        }
        ShimAccess.callUnchecked(model, ShimAccess.findMethod(NodeModel.class, "putFlowVariable", String.class,
            Object.class), name, value);
    }

    /**
     * @param model the node model
     * @return a copy of the flow variables visible to or pushed by the model
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> flowVariables(final NodeModel model) {
        return (Map<String, Object>)ShimAccess.callUnchecked(model,
            ShimAccess.findMethod(NodeModel.class, "flowVariables"));
    }

    /** During configure and execute a model always sees a provider; without set credentials it is empty. */
    private static void ensureCredentials(final NodeModel model) {
        boolean has = (Boolean)ShimAccess.callUnchecked(model, ShimAccess.findMethod(NodeModel.class,
            "hasCredentials"));
        if (!has) {
            setCredentials(model);
        }
    }

    private static void checkCount(final String what, final int given, final int expected) {
        if (given != expected) {
            throw new IllegalArgumentException(given + " " + what + " given, the node has " + expected + ".");
        }
    }

}
