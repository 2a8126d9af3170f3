package io.github.scllm.knime.node;

import java.io.File;
import java.io.IOException;
import java.util.Objects;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/**
 * A node model whose settings live in one {@link SettingsGroup}: saving, validating and loading settings go to it, and
 * internals and reset do nothing, because the nodes of this extension keep no state between executions beyond their
 * outputs, which the framework saves itself. A subclass writes configure and execute, and overrides the internals or
 * reset only if it really keeps something.
 *
 * @param <S> the settings class of the node
 */
public abstract class SettingsNodeModel<S extends SettingsGroup> extends NodeModel {

    /** The node's settings, shared with nothing else: the dialog has its own instance. */
    protected final S settings;

    /**
     * A node with data table ports only.
     *
     * @param nrInDataPorts number of data table inputs, at least 0
     * @param nrOutDataPorts number of data table outputs, at least 0
     * @param settings the node's settings with their defaults, not null
     * @throws NullPointerException if settings is null
     * @throws NegativeArraySizeException if a count is negative
     */
    protected SettingsNodeModel(int nrInDataPorts, int nrOutDataPorts, S settings) {
        super(nrInDataPorts, nrOutDataPorts);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * A node with the given port types.
     *
     * @param inPortTypes the input port types, none null
     * @param outPortTypes the output port types, none null
     * @param settings the node's settings with their defaults, not null
     * @throws NullPointerException if settings, an array or an element is null
     */
    protected SettingsNodeModel(PortType[] inPortTypes, PortType[] outPortTypes, S settings) {
        super(inPortTypes, outPortTypes);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected final void saveSettingsTo(NodeSettingsWO s) {
        settings.saveSettingsTo(s);
    }

    @Override
    protected final void validateSettings(NodeSettingsRO s) throws InvalidSettingsException {
        settings.validateSettings(s);
    }

    @Override
    protected final void loadValidatedSettingsFrom(NodeSettingsRO s) throws InvalidSettingsException {
        settings.loadValidatedSettingsFrom(s);
    }

    @Override
    protected void loadInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        // nothing to restore: the outputs are tables and port objects that the framework saves and loads itself
    }

    @Override
    protected void saveInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        // nothing beyond the outputs, which the framework saves itself
    }

    @Override
    protected void reset() {
        // no state is kept between executions: the framework drops the outputs
    }
}
