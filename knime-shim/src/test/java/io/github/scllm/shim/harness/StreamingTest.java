package io.github.scllm.shim.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;

class StreamingTest {

    private static final DataTableSpec IN = Tables.spec("cell", StringCell.TYPE, "x", DoubleCell.TYPE);

    private static BufferedDataTable input(final int rows) {
        List<DataRow> r = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            DataCell x = i == 1 ? DataType.getMissingCell() : new DoubleCell(i);
            r.add(Tables.row("c" + i, new StringCell("cell" + i), x));
        }
        return Tables.table(IN, r);
    }

    private static List<List<DataCell>> cells(final PortObject table) {
        List<List<DataCell>> out = new ArrayList<>();
        for (DataRow row : Tables.rows((BufferedDataTable)table)) {
            List<DataCell> cells = new ArrayList<>();
            cells.add(new StringCell(row.getKey().getString()));
            row.forEach(cells::add);
            out.add(cells);
        }
        return out;
    }

    private static ScaleNodeModel scale() {
        ScaleNodeModel m = new ScaleNodeModel();
        m.m_column.setStringValue("x");
        m.m_factor.setDoubleValue(3.0);
        return m;
    }

    @Test
    void rolesArePortRolesOfKnime() {
        assertEquals(InputPortRole.DISTRIBUTED_STREAMABLE, InputPortRole.get(true, true));
        assertEquals(InputPortRole.NONDISTRIBUTED_NONSTREAMABLE, InputPortRole.get(false, false));
        assertTrue(InputPortRole.NONDISTRIBUTED_STREAMABLE.isStreamable());
        assertTrue(!InputPortRole.NONDISTRIBUTED_STREAMABLE.isDistributable());
        assertTrue(OutputPortRole.DISTRIBUTED.isDistributable());
        assertThrows(IllegalArgumentException.class, () -> new PartitionInfo(3, 3));
    }

    @Test
    void aStreamedNodeGivesTheRowsOfExecuteInAnyNumberOfPartitions() throws Exception {
        BufferedDataTable in = input(10);
        PortObject executed = NodeHarness.execute(scale(), new RecordingExecution(), in)[0];
        for (int partitions : new int[]{1, 3, 10}) {
            PortObject streamed = Streaming.run(scale(), new RecordingExecution(), partitions, in)[0];
            assertEquals(((BufferedDataTable)executed).getDataTableSpec(),
                ((BufferedDataTable)streamed).getDataTableSpec());
            assertEquals(cells(executed), cells(streamed), partitions + " partitions");
        }
    }

    @Test
    void aNodeWithoutStreamingRunsItsExecuteOnTheWholeInput() throws Exception {
        BufferedDataTable in = input(7);
        PortObject[] out = Streaming.run(new RowCount(), new RecordingExecution(), 1, in);
        assertEquals(7L, ((LongCell)Tables.rows((BufferedDataTable)out[0]).get(0).getCell(0)).getLongValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Streaming.run(new RowCount(), new RecordingExecution(), 2, in));
        assertTrue(e.getMessage().contains("one partition only"), e.getMessage());
    }

    /** Counts the rows of its input: needs the whole table, so it keeps KNIME's default (non-streamed) roles. */
    private static final class RowCount extends SettingslessModel {
        private static final DataTableSpec OUT = Tables.spec("rows", LongCell.TYPE);

        RowCount() {
            super(1, 1);
        }

        @Override
        protected DataTableSpec[] configure(final DataTableSpec[] in) {
            return new DataTableSpec[]{OUT};
        }

        @Override
        protected BufferedDataTable[] execute(final BufferedDataTable[] in, final ExecutionContext exec) {
            return new BufferedDataTable[]{Tables.table(OUT, Tables.row("count", new LongCell(in[0].size())))};
        }
    }
}
