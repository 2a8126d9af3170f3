package org.knime.core.node.defaultnodesettings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.shim.harness.NodeHarness;

class SettingsModelTest {

    private static NodeSettings viaXml(final SettingsModel m) throws Exception {
        NodeSettings s = new NodeSettings("model");
        m.saveSettingsTo(s);
        return NodeHarness.fromXml(NodeHarness.toXml(s));
    }

    @Test
    void stringModelSavesOneEntryUnderItsNameAndItsInternals() throws Exception {
        SettingsModelString m = new SettingsModelString("file", "a.h5ad");
        NodeSettings s = viaXml(m);
        assertEquals("a.h5ad", s.getString("file"));
        assertEquals("SMID_string", s.getConfig("file_Internals").getString("SettingsModelID"));
        assertTrue(s.getConfig("file_Internals").getBoolean("EnabledStatus"));
        SettingsModelString fresh = new SettingsModelString("file", "other");
        fresh.validateSettings(s);
        fresh.loadSettingsFrom(s);
        assertEquals("a.h5ad", fresh.getStringValue());
    }

    /** The type ids KNIME writes into every model's internals (those of knime-core's SettingsModel classes). */
    @Test
    void modelsWriteKnimesTypeIds() throws Exception {
        assertEquals("SMN_long", viaXml(new SettingsModelLong("n", 3L)).getConfig("n_Internals")
            .getString("SettingsModelID"));
        assertEquals("SMID_boolean", viaXml(new SettingsModelBoolean("b", true)).getConfig("b_Internals")
            .getString("SettingsModelID"));
    }

    @Test
    void everyModelRoundTripsItsValue() throws Exception {
        SettingsModelInteger i = new SettingsModelInteger("i", 7);
        SettingsModelLong l = new SettingsModelLong("l", 1L << 40);
        SettingsModelDouble d = new SettingsModelDouble("d", 0.07);
        SettingsModelBoolean b = new SettingsModelBoolean("b", true);
        SettingsModelStringArray a = new SettingsModelStringArray("a", new String[]{"CD3E", "MS4A1"});
        SettingsModelColumnName c = new SettingsModelColumnName("col", null);
        c.setSelection("cell_type", false);

        SettingsModelInteger i2 = new SettingsModelInteger("i", 0);
        i2.loadSettingsFrom(viaXml(i));
        SettingsModelLong l2 = new SettingsModelLong("l", 0);
        l2.loadSettingsFrom(viaXml(l));
        SettingsModelDouble d2 = new SettingsModelDouble("d", 0);
        d2.loadSettingsFrom(viaXml(d));
        SettingsModelBoolean b2 = new SettingsModelBoolean("b", false);
        b2.loadSettingsFrom(viaXml(b));
        SettingsModelStringArray a2 = new SettingsModelStringArray("a", null);
        a2.loadSettingsFrom(viaXml(a));
        SettingsModelColumnName c2 = new SettingsModelColumnName("col", "x");
        c2.setSelection("x", true);
        c2.loadSettingsFrom(viaXml(c));

        assertEquals(7, i2.getIntValue());
        assertEquals(1L << 40, l2.getLongValue());
        assertEquals(0.07, d2.getDoubleValue());
        assertTrue(b2.getBooleanValue());
        assertArrayEquals(new String[]{"CD3E", "MS4A1"}, a2.getStringArrayValue());
        assertEquals("cell_type", c2.getColumnName());
        assertFalse(c2.useRowID());
    }

    @Test
    void columnNameModelSavesASubConfigWithRowIdFlagAndColumnName() throws Exception {
        SettingsModelColumnName c = new SettingsModelColumnName("label_column", null);
        c.setSelection(null, true);
        NodeSettings s = viaXml(c);
        NodeSettings sub = s.getNodeSettings("label_column");
        assertTrue(sub.getBoolean("useRowID"));
        assertTrue(sub.containsKey("columnName"));
        assertTrue(s.containsKey("label_column_Internals"));
    }

    @Test
    void boundedIntegerRejectsOutOfRangeValuesOnValidateAndLoad() throws Exception {
        NodeSettings s = new NodeSettings("model");
        new SettingsModelInteger("k", 0).saveSettingsTo(s);
        SettingsModelIntegerBounded k = new SettingsModelIntegerBounded("k", 10, 1, 1000);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> k.validateSettings(s));
        assertTrue(e.getMessage().contains("[1, 1000]"), e.getMessage());
        assertThrows(InvalidSettingsException.class, () -> k.loadSettingsFrom(s));
        assertEquals(10, k.getIntValue());
        assertThrows(IllegalArgumentException.class, () -> k.setIntValue(1001));
        assertThrows(IllegalArgumentException.class, () -> new SettingsModelIntegerBounded("k", 0, 1, 10));
    }

    @Test
    void boundedDoubleAndLongRejectOutOfRangeValues() throws Exception {
        NodeSettings s = new NodeSettings("model");
        new SettingsModelDouble("t", 2.0).saveSettingsTo(s);
        new SettingsModelLong("n", -1).saveSettingsTo(s);
        assertThrows(InvalidSettingsException.class,
            () -> new SettingsModelDoubleBounded("t", 0.07, 0.0, 1.0).validateSettings(s));
        assertThrows(InvalidSettingsException.class,
            () -> new SettingsModelLongBounded("n", 5, 0, 10).loadSettingsFrom(s));
        SettingsModelDoubleBounded ok = new SettingsModelDoubleBounded("t", 0.07, 0.0, 5.0);
        ok.loadSettingsFrom(s);
        assertEquals(2.0, ok.getDoubleValue());
    }

    @Test
    void missingValueFailsValidationOfAnEnabledModel() {
        NodeSettings empty = new NodeSettings("model");
        assertThrows(InvalidSettingsException.class, () -> new SettingsModelString("x", "").validateSettings(empty));
        assertThrows(InvalidSettingsException.class, () -> new SettingsModelBoolean("x", true).loadSettingsFrom(empty));
    }

    @Test
    void modelSavedAsDisabledIsNotValidated() throws Exception {
        SettingsModelDouble d = new SettingsModelDouble("t", 9.0);
        d.setEnabled(false);
        NodeSettings s = viaXml(d);
        SettingsModelDoubleBounded bounded = new SettingsModelDoubleBounded("t", 0.5, 0.0, 1.0);
        bounded.validateSettings(s);
        assertTrue(bounded.isEnabled());
        bounded.loadSettingsFrom(s);
        assertFalse(bounded.isEnabled());
        assertEquals(0.5, bounded.getDoubleValue());
    }

    @Test
    void listenersHearValueChangesOnly() {
        SettingsModelString m = new SettingsModelString("x", "a");
        AtomicInteger calls = new AtomicInteger();
        m.addChangeListener(e -> calls.incrementAndGet());
        m.setStringValue("a");
        m.setStringValue("b");
        m.setEnabled(false);
        assertEquals(2, calls.get());
    }

    @Test
    void cloneWithValidatedValueLeavesTheOriginalUnchanged() throws Exception {
        SettingsModelIntegerBounded k = new SettingsModelIntegerBounded("k", 10, 1, 100);
        NodeSettings s = new NodeSettings("model");
        new SettingsModelInteger("k", 42).saveSettingsTo(s);
        SettingsModelIntegerBounded copy = k.createCloneWithValidatedValue(s);
        assertEquals(42, copy.getIntValue());
        assertEquals(10, k.getIntValue());
    }
}
