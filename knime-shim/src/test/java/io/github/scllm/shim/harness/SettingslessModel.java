package io.github.scllm.shim.harness;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/** A test node without settings or internals: subclasses write configure and execute only. */
abstract class SettingslessModel extends NodeModel {

    SettingslessModel(final int inPorts, final int outPorts) {
        super(inPorts, outPorts);
    }

    @Override
    protected void loadInternals(final java.io.File d, final ExecutionMonitor e) {
    }

    @Override
    protected void saveInternals(final java.io.File d, final ExecutionMonitor e) {
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO s) {
    }

    @Override
    protected void validateSettings(final NodeSettingsRO s) {
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO s) {
    }

    @Override
    protected void reset() {
    }
}
