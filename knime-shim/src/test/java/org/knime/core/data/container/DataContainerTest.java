package org.knime.core.data.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.util.DuplicateKeyException;

import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class DataContainerTest {

    private static final DataTableSpec SPEC = Tables.spec("cell", StringCell.TYPE, "x", DoubleCell.TYPE);

    @Test
    void duplicateRowKeyIsRejectedWithTheKey() {
        BufferedDataContainer c = new RecordingExecution().context().createDataContainer(SPEC);
        c.addRowToTable(new DefaultRow("AAAC-1", new StringCell("a"), new DoubleCell(1)));
        DuplicateKeyException e = assertThrows(DuplicateKeyException.class,
            () -> c.addRowToTable(new DefaultRow("AAAC-1", new StringCell("b"), new DoubleCell(2))));
        assertEquals("AAAC-1", e.getKey());
        assertTrue(e instanceof RuntimeException);
    }

    @Test
    void rowsThatDoNotFitTheSpecAreRejected() {
        BufferedDataContainer c = new RecordingExecution().context().createDataContainer(SPEC);
        assertThrows(IllegalArgumentException.class, () -> c.addRowToTable(new DefaultRow("r", new StringCell("a"))));
        assertThrows(IllegalArgumentException.class,
            () -> c.addRowToTable(new DefaultRow("r", new DoubleCell(1), new DoubleCell(2))));
        c.addRowToTable(new DefaultRow("r", new StringCell("a"), DataType.getMissingCell()));
        assertEquals(1, c.size());
    }

    @Test
    void tableIsOnlyAvailableAfterCloseAndNoRowsAfterwards() {
        BufferedDataContainer c = new RecordingExecution().context().createDataContainer(SPEC);
        assertThrows(IllegalStateException.class, c::getTable);
        c.close();
        assertThrows(IllegalStateException.class,
            () -> c.addRowToTable(new DefaultRow("r", new StringCell("a"), new DoubleCell(1))));
    }

    @Test
    void tablesCanBeIteratedSeveralTimes() {
        BufferedDataTable t = Tables.table(SPEC, Tables.row("a", new StringCell("a"), new DoubleCell(1)),
            Tables.row("b", new StringCell("b"), new DoubleCell(2)));
        assertEquals(2, t.size());
        assertEquals(Tables.rows(t).toString(), Tables.rows(t).toString());
        assertEquals("Rows: 2, Cols: 2", t.getSummary());
    }

    @Test
    void columnRearrangerAppendsComputedColumnsAndRemovesOthers() throws Exception {
        BufferedDataTable in = Tables.table(SPEC, Tables.row("a", new StringCell("a"), new DoubleCell(1.5)),
            Tables.row("b", new StringCell("b"), new DoubleCell(-2)));
        ColumnRearranger r = new ColumnRearranger(SPEC);
        r.append(new SingleCellFactory(new DataColumnSpecCreator("x2", DoubleCell.TYPE).createSpec()) {
            @Override
            public DataCell getCell(final DataRow row) {
                return new DoubleCell(((DoubleValue)row.getCell(1)).getDoubleValue() * 2);
            }
        });
        r.remove("x");
        RecordingExecution exec = new RecordingExecution();
        BufferedDataTable out = exec.context().createColumnRearrangeTable(in, r, exec.context());
        assertEquals(List.of("cell", "x2"), List.of(out.getDataTableSpec().getColumnNames()));
        List<DataRow> rows = Tables.rows(out);
        assertEquals(new DoubleCell(3.0), rows.get(0).getCell(1));
        assertEquals(new DoubleCell(-4.0), rows.get(1).getCell(1));
        assertEquals(1.0, exec.progressHistory().get(exec.progressHistory().size() - 1));
    }

    @Test
    void columnRearrangerRejectsAComputedColumnWithAnExistingName() {
        ColumnRearranger r = new ColumnRearranger(SPEC);
        r.append(new SingleCellFactory(new DataColumnSpecCreator("x", DoubleCell.TYPE).createSpec()) {
            @Override
            public DataCell getCell(final DataRow row) {
                return new DoubleCell(0);
            }
        });
        assertThrows(IllegalArgumentException.class, r::createSpec);
    }

    @Test
    void concatenationFillsMissingColumnsAndRejectsRepeatedKeys() throws Exception {
        RecordingExecution exec = new RecordingExecution();
        BufferedDataTable a = Tables.table(SPEC, Tables.row("a", new StringCell("a"), new DoubleCell(1)));
        BufferedDataTable b = Tables.table(Tables.spec("cell", StringCell.TYPE),
            Tables.row("b", new StringCell("b")));
        BufferedDataTable ab = exec.context().createConcatenateTable(exec.context(), a, b);
        assertEquals(2, ab.size());
        assertTrue(Tables.rows(ab).get(1).getCell(1).isMissing());
        assertThrows(IllegalArgumentException.class, () -> exec.context().createConcatenateTable(exec.context(), a, a));
    }

    @Test
    void joinRequiresTheSameRowsAndDistinctColumns() throws Exception {
        RecordingExecution exec = new RecordingExecution();
        BufferedDataTable a = Tables.table(SPEC, Tables.row("a", new StringCell("a"), new DoubleCell(1)));
        BufferedDataTable b = Tables.table(Tables.spec("y", DoubleCell.TYPE), Tables.row("a", new DoubleCell(2)));
        BufferedDataTable other = Tables.table(Tables.spec("y", DoubleCell.TYPE), Tables.row("z", new DoubleCell(2)));
        BufferedDataTable j = exec.context().createJoinedTable(a, b, exec.context());
        assertEquals(List.of("cell", "x", "y"), List.of(j.getDataTableSpec().getColumnNames()));
        assertEquals(new DoubleCell(2), Tables.rows(j).get(0).getCell(2));
        assertThrows(IllegalArgumentException.class, () -> exec.context().createJoinedTable(a, other, exec.context()));
        assertThrows(IllegalArgumentException.class, () -> exec.context().createJoinedTable(a, a, exec.context()));
    }
}
