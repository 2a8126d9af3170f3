package org.knime.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;

class DataTableSpecTest {

    @Test
    void duplicateColumnNamesAreRejectedNamingTheColumn() {
        DataColumnSpec a = new DataColumnSpecCreator("gene", StringCell.TYPE).createSpec();
        DataColumnSpec b = new DataColumnSpecCreator("gene", DoubleCell.TYPE).createSpec();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataTableSpec(a, b));
        assertTrue(e.getMessage().contains("\"gene\""), e.getMessage());
        DataTableSpec one = new DataTableSpec(a);
        assertThrows(IllegalArgumentException.class, () -> new DataTableSpec(one, new DataTableSpec(b)));
    }

    @Test
    void specAnswersLookupsByNameAndIndex() {
        DataTableSpec s = new DataTableSpec("t", new String[]{"a", "b"}, new DataType[]{IntCell.TYPE, StringCell.TYPE});
        assertEquals(2, s.getNumColumns());
        assertEquals(1, s.findColumnIndex("b"));
        assertEquals(-1, s.findColumnIndex("c"));
        assertNull(s.getColumnSpec("c"));
        assertTrue(s.containsName("a"));
        assertTrue(s.containsCompatibleType(StringValue.class));
        assertEquals(List.of("a", "b"), List.of(s.getColumnNames()));
        assertEquals("t", s.getName());
    }

    @Test
    void specsAndColumnSpecsAreImmutable() {
        DataColumnSpecCreator cr = new DataColumnSpecCreator("emb", DoubleVectorCellFactory.TYPE);
        String[] names = {"d0", "d1"};
        cr.setElementNames(names);
        cr.setProperties(new DataColumnProperties(Map.of("model", "ada-002")));
        DataColumnSpec c = cr.createSpec();
        names[0] = "changed";
        cr.setName("other");
        assertEquals("emb", c.getName());
        assertEquals(List.of("d0", "d1"), c.getElementNames());
        assertThrows(UnsupportedOperationException.class, () -> c.getElementNames().add("x"));
        assertEquals("ada-002", c.getProperties().getProperty("model"));
        DataTableSpec s = new DataTableSpec(c);
        String[] colNames = s.getColumnNames();
        colNames[0] = "changed";
        assertEquals("emb", s.getColumnSpec(0).getName());
        assertThrows(UnsupportedOperationException.class, () -> s.iterator().remove());
    }

    /** As in KNIME: a column gets element names only when they are set, so they cannot announce a dimension. */
    @Test
    void aColumnWithoutElementNamesHasNone() {
        assertEquals(List.of(), new DataColumnSpecCreator("x", DoubleCell.TYPE).createSpec().getElementNames());
        DataColumnSpecCreator named = new DataColumnSpecCreator("v", DoubleCell.TYPE);
        named.setElementNames(new String[] {"a", "b"});
        assertEquals(List.of("a", "b"), named.createSpec().getElementNames());
        assertEquals(List.of("a", "b"), new DataColumnSpecCreator(named.createSpec()).createSpec().getElementNames());
    }

    @Test
    void rowsCopyTheirCells() {
        DataCell[] cells = {new StringCell("a"), new DoubleCell(1)};
        DefaultRow r = new DefaultRow("r1", cells);
        cells[0] = new StringCell("b");
        assertEquals(new StringCell("a"), r.getCell(0));
        assertThrows(UnsupportedOperationException.class, () -> r.iterator().remove());
        assertThrows(NullPointerException.class, () -> new DefaultRow("r2", new StringCell("a"), null));
    }

    @Test
    void missingCellIsMissingAndEqualOnlyToMissing() {
        DataCell m = DataType.getMissingCell();
        assertTrue(m.isMissing());
        assertEquals(m, new MissingCell("reason"));
        assertNotEquals(m, new StringCell("?"));
        assertFalse(new StringCell("?").isMissing());
    }

    @Test
    void typesKnowTheirValueInterfaces() {
        assertTrue(IntCell.TYPE.isCompatible(DoubleValue.class));
        assertTrue(IntCell.TYPE.isCompatible(IntValue.class));
        assertTrue(LongCell.TYPE.isCompatible(LongValue.class));
        assertFalse(StringCell.TYPE.isCompatible(DoubleValue.class));
        assertTrue(BooleanCell.TYPE.isCompatible(BooleanValue.class));
        assertEquals(StringCell.TYPE, new StringCell("x").getType());
        assertEquals(DoubleCell.class, DoubleCell.TYPE.getCellClass());
        assertFalse(DoubleCell.TYPE.isCollectionType());
    }

    @Test
    void superTypesCoverTheirSubtypesAndTheGenericTypeCoversAll() {
        assertTrue(DataType.getType(DataCell.class).isASuperTypeOf(StringCell.TYPE));
        assertTrue(StringCell.TYPE.isASuperTypeOf(StringCell.TYPE));
        assertFalse(StringCell.TYPE.isASuperTypeOf(DoubleCell.TYPE));
        assertTrue(StringCell.TYPE.isCompatible(NominalValue.class));
        assertFalse(ListCell.getCollectionType(StringCell.TYPE).isASuperTypeOf(ListCell.getCollectionType(IntCell.TYPE)));
    }

    @Test
    void listCellTypeIsACollectionOfItsElementType() {
        ListCell l = CollectionCellFactory.createListCell(List.of(new StringCell("CD3E"), new StringCell("MS4A1")));
        DataType t = ListCell.getCollectionType(StringCell.TYPE);
        assertEquals(t, l.getType());
        assertTrue(t.isCollectionType());
        assertEquals(StringCell.TYPE, t.getCollectionElementType());
        assertTrue(t.isCompatible(ListDataValue.class));
        assertEquals(2, l.size());
        assertEquals(new StringCell("MS4A1"), l.get(1));
    }

    @Test
    void doubleVectorCellsExposeTheirValues() {
        DataCell c = DoubleVectorCellFactory.createCell(new double[]{0.5, -1});
        DoubleVectorValue v = (DoubleVectorValue)c;
        assertEquals(2, v.getLength());
        assertEquals(-1, v.getValue(1));
        assertTrue(DoubleVectorCellFactory.TYPE.isCompatible(DoubleVectorValue.class));
        assertEquals(c, DoubleVectorCellFactory.createCell(new double[]{0.5, -1}));
    }

    @Test
    void rowKeysCompareByTheirString() {
        assertEquals(new RowKey("Row3"), RowKey.createRowKey(3L));
        assertThrows(NullPointerException.class, () -> new RowKey(null));
    }
}
