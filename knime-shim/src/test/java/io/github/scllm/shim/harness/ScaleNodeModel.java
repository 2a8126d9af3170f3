package io.github.scllm.shim.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.container.SingleCellFactory;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.StreamableOperator;
import org.knime.core.node.util.CheckUtils;

/**
 * A small table node for harness tests: appends a numeric column multiplied by a factor; streams row by row, in any
 * number of partitions.
 */
final class ScaleNodeModel extends NodeModel {

    static final String INTERNALS_FILE = "missing_count.txt";

    final SettingsModelString m_column = new SettingsModelString("column", null);

    final SettingsModelDoubleBounded m_factor = new SettingsModelDoubleBounded("factor", 2.0, 0.0, 100.0);

    final SettingsModelString m_newColumn = new SettingsModelString("new_column", "scaled");

    int m_missing = -1;

    ScaleNodeModel() {
        super(1, 1);
    }

    private ColumnRearranger rearranger(final DataTableSpec in) throws InvalidSettingsException {
        String col = CheckUtils.checkSettingNotNull(m_column.getStringValue(), "No column selected.");
        int idx = in.findColumnIndex(col);
        CheckUtils.checkSetting(idx >= 0, "Column \"%s\" is not in the input table.", col);
        CheckUtils.checkSetting(in.getColumnSpec(idx).getType().isCompatible(DoubleValue.class),
            "Column \"%s\" is not numeric.", col);
        double factor = m_factor.getDoubleValue();
        ColumnRearranger r = new ColumnRearranger(in);
        r.append(new SingleCellFactory(new DataColumnSpecCreator(m_newColumn.getStringValue(), DoubleCell.TYPE)
            .createSpec()) {
            @Override
            public DataCell getCell(final DataRow row) {
                DataCell c = row.getCell(idx);
                if (c.isMissing()) {
                    m_missing++;
                    return DataType.getMissingCell();
                }
                return new DoubleCell(((DoubleValue)c).getDoubleValue() * factor);
            }
        });
        return r;
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        return new DataTableSpec[]{rearranger(inSpecs[0]).createSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        m_missing = 0;
        BufferedDataTable out =
            exec.createColumnRearrangeTable(inData[0], rearranger(inData[0].getDataTableSpec()), exec);
        if (m_missing > 0) {
            setWarningMessage(m_missing + " missing values in column \"" + m_column.getStringValue() + "\".");
        }
        return new BufferedDataTable[]{out};
    }

    @Override
    public InputPortRole[] getInputPortRoles() {
        return new InputPortRole[]{InputPortRole.DISTRIBUTED_STREAMABLE};
    }

    @Override
    public OutputPortRole[] getOutputPortRoles() {
        return new OutputPortRole[]{OutputPortRole.DISTRIBUTED};
    }

    @Override
    public StreamableOperator createStreamableOperator(final PartitionInfo partitionInfo,
        final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return rearranger((DataTableSpec)inSpecs[0]).createStreamableFunction();
    }

    @Override
    protected void saveInternals(final File dir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        Files.writeString(new File(dir, INTERNALS_FILE).toPath(), Integer.toString(m_missing),
            StandardCharsets.UTF_8);
    }

    @Override
    protected void loadInternals(final File dir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        m_missing = Integer.parseInt(Files.readString(new File(dir, INTERNALS_FILE).toPath(), StandardCharsets.UTF_8));
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        m_column.saveSettingsTo(settings);
        m_factor.saveSettingsTo(settings);
        m_newColumn.saveSettingsTo(settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_column.validateSettings(settings);
        m_factor.validateSettings(settings);
        m_newColumn.validateSettings(settings);
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_column.loadSettingsFrom(settings);
        m_factor.loadSettingsFrom(settings);
        m_newColumn.loadSettingsFrom(settings);
    }

    @Override
    protected void reset() {
        m_missing = -1;
    }
}
