package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.message.Message;
import org.knime.core.node.message.MessageBuilder;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.workflow.CredentialsProvider;

/**
 * The logic of a node: settings handling, configure (specs in, specs out) and execute (data in, data out). Subclasses
 * override either the table variants or the port variants of configure and execute.
 */
public abstract class NodeModel {

    private final PortType[] m_inPortTypes;

    private final PortType[] m_outPortTypes;

    private final NodeLogger m_logger = NodeLogger.getLogger(getClass());

    private volatile Message m_warning;

    private CredentialsProvider m_credentials;

    private final Map<String, Object> m_flowVariables = new HashMap<>();

    /**
     * @param nrInDataPorts number of data table inputs, at least 0
     * @param nrOutDataPorts number of data table outputs, at least 0
     * @throws NegativeArraySizeException if a count is negative
     */
    protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        m_inPortTypes = new PortType[nrInDataPorts];
        m_outPortTypes = new PortType[nrOutDataPorts];
        Arrays.fill(m_inPortTypes, BufferedDataTable.TYPE);
        Arrays.fill(m_outPortTypes, BufferedDataTable.TYPE);
    }

    /**
     * @param inPortTypes the input port types, none null
     * @param outPortTypes the output port types, none null
     * @throws NullPointerException if an array or element is null
     */
    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_inPortTypes = inPortTypes.clone();
        m_outPortTypes = outPortTypes.clone();
        for (PortType t : m_inPortTypes) {
            if (t == null) {
                throw new NullPointerException("Input port types must not contain null.");
            }
        }
        for (PortType t : m_outPortTypes) {
            if (t == null) {
                throw new NullPointerException("Output port types must not contain null.");
            }
        }
    }

    /**
     * @return the number of input ports
     */
    protected final int getNrInPorts() {
        return m_inPortTypes.length;
    }

    /**
     * @return the number of output ports
     */
    protected final int getNrOutPorts() {
        return m_outPortTypes.length;
    }

    /**
     * @param index input port index
     * @return its type
     */
    protected final PortType getInPortType(final int index) {
        return m_inPortTypes[index];
    }

    /**
     * @param index output port index
     * @return its type
     */
    protected final PortType getOutPortType(final int index) {
        return m_outPortTypes[index];
    }

    /**
     * @param inSpecs specs of the inputs (null for unconnected optional inputs)
     * @return output specs (null entries where unknown)
     * @throws InvalidSettingsException if settings or inputs do not allow configuring
     */
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec[] tableSpecs = new DataTableSpec[inSpecs.length];
        for (int i = 0; i < inSpecs.length; i++) {
            if (inSpecs[i] != null && !(inSpecs[i] instanceof DataTableSpec)) {
                throw new InvalidSettingsException("Input port " + i + " of " + getClass().getName()
                    + " does not hold a data table spec; override configure(PortObjectSpec[]).");
            }
            tableSpecs[i] = (DataTableSpec)inSpecs[i];
        }
        return configure(tableSpecs);
    }

    /**
     * @param inSpecs specs of the input tables
     * @return specs of the output tables (null entries where unknown)
     * @throws InvalidSettingsException if settings or inputs do not allow configuring
     */
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        throw new InvalidSettingsException("NodeModel.configure() implementation missing in "
            + getClass().getName() + ".");
    }

    /**
     * @param inObjects the inputs (null for unconnected optional inputs)
     * @param exec progress, cancellation and table creation
     * @return the outputs, none null
     * @throws Exception any failure; prefer {@link KNIMEException} with a message for the user
     */
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable[] tables = new BufferedDataTable[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            if (inObjects[i] != null && !(inObjects[i] instanceof BufferedDataTable)) {
                throw new IllegalStateException(getClass().getName() + " has non-table ports and must override "
                    + "execute(PortObject[], ExecutionContext).");
            }
            tables[i] = (BufferedDataTable)inObjects[i];
        }
        return execute(tables, exec);
    }

    /**
     * @param inData the input tables
     * @param exec progress, cancellation and table creation
     * @return the output tables, none null
     * @throws Exception any failure; prefer {@link KNIMEException} with a message for the user
     */
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        throw new IllegalStateException(getClass().getName() + " must override execute(BufferedDataTable[], "
            + "ExecutionContext) or execute(PortObject[], ExecutionContext).");
    }

    /**
     * @param nodeInternDir folder holding the saved internals
     * @param exec progress and cancellation
     * @throws IOException if reading fails
     * @throws CanceledExecutionException if cancelled
     */
    protected abstract void loadInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /**
     * @param nodeInternDir folder to save internals into
     * @param exec progress and cancellation
     * @throws IOException if writing fails
     * @throws CanceledExecutionException if cancelled
     */
    protected abstract void saveInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /**
     * @param settings the target
     */
    protected abstract void saveSettingsTo(NodeSettingsWO settings);

    /**
     * @param settings the settings to check, without applying them
     * @throws InvalidSettingsException if they are incomplete or invalid
     */
    protected abstract void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException;

    /**
     * @param settings validated settings to apply
     * @throws InvalidSettingsException if they cannot be applied
     */
    protected abstract void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException;

    /** Drops execution results. */
    protected abstract void reset();

    /** Called when the node is removed; release resources here. */
    protected void onDispose() {
    }

    /**
     * @param warningMessage a warning shown to the user, or null to clear it
     */
    protected final void setWarningMessage(final String warningMessage) {
        m_warning = warningMessage == null ? null : Message.fromSummary(warningMessage);
        if (warningMessage != null) {
            m_logger.warn(warningMessage);
        }
    }

    /**
     * @return the summary of the warning set last, or null
     */
    protected final String getWarningMessage() {
        return Message.getSummaryFrom(m_warning);
    }

    /**
     * @param message a warning shown to the user, or null to clear it
     */
    protected final void setWarning(final Message message) {
        m_warning = message;
        if (message != null) {
            m_logger.warn(message.toLogPrintable());
        }
    }

    /**
     * @return a builder for warning or error messages
     */
    protected final MessageBuilder createMessageBuilder() {
        return Message.builder();
    }

    /**
     * @return the logger of this node
     */
    protected final NodeLogger getLogger() {
        return m_logger;
    }

    /**
     * @return access to the workflow's credentials; set during configure and execute, null outside them
     */
    protected final CredentialsProvider getCredentialsProvider() {
        return m_credentials;
    }

    private <T> T peek(final String name, final Class<T> type) {
        Object v;
        synchronized (m_flowVariables) {
            if (!m_flowVariables.containsKey(name)) {
                throw new NoSuchElementException("No flow variable \"" + name + "\" available.");
            }
            v = m_flowVariables.get(name);
        }
        if (!type.isInstance(v)) {
            throw new NoSuchElementException("Flow variable \"" + name + "\" is not of type " + type.getSimpleName()
                + ".");
        }
        return type.cast(v);
    }

    private void push(final String name, final Object value) {
        synchronized (m_flowVariables) {
            m_flowVariables.put(name, value);
        }
    }

    /**
     * @param name the variable name
     * @return its value
     * @throws NoSuchElementException if there is no string variable of that name
     */
    public final String peekFlowVariableString(final String name) {
        return peek(name, String.class);
    }

    /**
     * @param name the variable name
     * @return its value
     * @throws NoSuchElementException if there is no int variable of that name
     */
    public final int peekFlowVariableInt(final String name) {
        return peek(name, Integer.class);
    }

    /**
     * @param name the variable name
     * @return its value
     * @throws NoSuchElementException if there is no double variable of that name
     */
    public final double peekFlowVariableDouble(final String name) {
        return peek(name, Double.class);
    }

    /**
     * @param name the variable name
     * @param value its value
     */
    protected final void pushFlowVariableString(final String name, final String value) {
        push(name, value);
    }

    /**
     * @param name the variable name
     * @param value its value
     */
    protected final void pushFlowVariableInt(final String name, final int value) {
        push(name, value);
    }

    /**
     * @param name the variable name
     * @param value its value
     */
    protected final void pushFlowVariableDouble(final String name, final double value) {
        push(name, value);
    }

    // ---- package-level entry points for running a model outside a workflow

    Message warning() {
        return m_warning;
    }

    void useCredentials(final CredentialsProvider provider) {
        m_credentials = provider;
    }

    boolean hasCredentials() {
        return m_credentials != null;
    }

    Map<String, Object> flowVariables() {
        synchronized (m_flowVariables) {
            return new HashMap<>(m_flowVariables);
        }
    }

    void putFlowVariable(final String name, final Object value) {
        push(name, value);
    }
}
