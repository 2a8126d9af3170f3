package org.knime.core.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class NodeSettingsTest {

    private static NodeSettings reparse(final NodeSettings s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.saveToXML(out);
        return (NodeSettings)NodeSettings.loadFromXML(new ByteArrayInputStream(out.toByteArray()));
    }

    private static String xml(final NodeSettings s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.saveToXML(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void typedGettersThrowOnMissingKey() {
        NodeSettings s = new NodeSettings("model");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> s.getInt("k"));
        assertTrue(e.getMessage().contains("\"k\""), e.getMessage());
        assertThrows(InvalidSettingsException.class, () -> s.getString("k"));
        assertThrows(InvalidSettingsException.class, () -> s.getDoubleArray("k"));
        assertThrows(InvalidSettingsException.class, () -> s.getNodeSettings("k"));
    }

    @Test
    void typedGettersThrowOnWrongType() {
        NodeSettings s = new NodeSettings("model");
        s.addString("k", "12");
        s.addInt("i", 3);
        assertThrows(InvalidSettingsException.class, () -> s.getInt("k"));
        assertThrows(InvalidSettingsException.class, () -> s.getLong("i"));
        assertThrows(InvalidSettingsException.class, () -> s.getString("i"));
        assertThrows(InvalidSettingsException.class, () -> s.getConfig("i"));
    }

    @Test
    void gettersWithDefaultReturnTheDefaultOnlyWhenTheKeyIsUnusable() {
        NodeSettings s = new NodeSettings("model");
        s.addInt("i", 3);
        assertEquals(3, s.getInt("i", 7));
        assertEquals(7, s.getInt("missing", 7));
        assertEquals("d", s.getString("i", "d"));
    }

    @Test
    void everyEntryTypeSurvivesTheXmlRoundTrip() throws Exception {
        NodeSettings s = new NodeSettings("model");
        s.addInt("int", -5);
        s.addLong("long", Long.MAX_VALUE);
        s.addDouble("double", 0.1 + 0.2);
        s.addDouble("nan", Double.NaN);
        s.addFloat("float", 1.5e-7f);
        s.addShort("short", (short)-300);
        s.addByte("byte", (byte)-7);
        s.addChar("char", 'ä');
        s.addBoolean("bool", true);
        s.addString("string", "tab\there, newline\nthere, <xml> & \"quotes\", 100%% and %%00010");
        s.addString("null", null);
        s.addString("empty", "");
        s.addPassword("pw", "key", "s3cret");
        s.addTransientString("transient", "gone");
        s.addIntArray("ints", 1, 2, 3);
        s.addLongArray("longs", 4L, 5L);
        s.addDoubleArray("doubles", 1.25, -0.0);
        s.addFloatArray("floats", 2.5f);
        s.addShortArray("shorts", (short)1);
        s.addByteArray("bytes", (byte)1, (byte)-1);
        s.addCharArray("chars", 'a', 'b');
        s.addBooleanArray("bools", true, false);
        s.addStringArray("strings", "a", null, "");
        s.addStringArray("nullArray", (String[])null);
        s.addIntArray("emptyArray");
        NodeSettingsWO sub = s.addNodeSettings("sub");
        sub.addInt("deep", 42);
        sub.addNodeSettings("empty");

        NodeSettings r = reparse(s);

        assertEquals("model", r.getKey());
        assertEquals(-5, r.getInt("int"));
        assertEquals(Long.MAX_VALUE, r.getLong("long"));
        assertEquals(0.1 + 0.2, r.getDouble("double"));
        assertTrue(Double.isNaN(r.getDouble("nan")));
        assertEquals(1.5e-7f, r.getFloat("float"));
        assertEquals((short)-300, r.getShort("short"));
        assertEquals((byte)-7, r.getByte("byte"));
        assertEquals('ä', r.getChar("char"));
        assertTrue(r.getBoolean("bool"));
        assertEquals(s.getString("string"), r.getString("string"));
        assertTrue(r.containsKey("null"));
        assertNull(r.getString("null"));
        assertEquals("", r.getString("empty"));
        assertEquals("s3cret", r.getPassword("pw", "key"));
        assertArrayEquals(new int[]{1, 2, 3}, r.getIntArray("ints"));
        assertArrayEquals(new long[]{4L, 5L}, r.getLongArray("longs"));
        assertArrayEquals(new double[]{1.25, -0.0}, r.getDoubleArray("doubles"));
        assertArrayEquals(new float[]{2.5f}, r.getFloatArray("floats"));
        assertArrayEquals(new short[]{1}, r.getShortArray("shorts"));
        assertArrayEquals(new byte[]{1, -1}, r.getByteArray("bytes"));
        assertArrayEquals(new char[]{'a', 'b'}, r.getCharArray("chars"));
        assertArrayEquals(new boolean[]{true, false}, r.getBooleanArray("bools"));
        assertArrayEquals(new String[]{"a", null, ""}, r.getStringArray("strings"));
        assertNull(r.getStringArray("nullArray"));
        assertArrayEquals(new int[0], r.getIntArray("emptyArray"));
        assertEquals(42, r.getNodeSettings("sub").getInt("deep"));
        assertTrue(r.getNodeSettings("sub").getNodeSettings("empty").keySet().isEmpty());
        assertEquals(s.keySet(), r.keySet());
        assertEquals(xml(s), xml(r));
    }

    @Test
    void xmlUsesTheConfigNamespaceAndEntryLayout() throws Exception {
        NodeSettings s = new NodeSettings("settings.xml");
        s.addString("name", "a\nb");
        s.addString("none", null);
        s.addNodeSettings("model").addInt("k", 10);
        String x = xml(s);
        assertTrue(x.contains("xmlns=\"http://www.knime.org/2008/09/XMLConfig\""), x);
        assertTrue(x.contains("<entry key=\"name\" type=\"xstring\" value=\"a%%00010b\"/>"), x);
        assertTrue(x.contains("<entry key=\"none\" type=\"xstring\" isnull=\"true\" value=\"\"/>"), x);
        assertTrue(x.contains("<config key=\"model\">"), x);
        assertTrue(x.contains("<entry key=\"k\" type=\"xint\" value=\"10\"/>"), x);
    }

    @Test
    void passwordsAreNotStoredInPlainText() throws Exception {
        NodeSettings s = new NodeSettings("model");
        s.addPassword("pw", "key", "s3cret-value");
        assertFalse(xml(s).contains("s3cret-value"));
    }

    @Test
    void transientStringsAreNotReadBackAfterReload() throws Exception {
        NodeSettings s = new NodeSettings("model");
        s.addTransientString("t", "only in memory");
        assertEquals("only in memory", s.getTransientString("t"));
        assertEquals("only in memory", reparse(s).getTransientString("t"));
    }

    @Test
    void loadingSomethingElseThanAConfigFailsWithTheElementName() {
        IOException e = assertThrows(IOException.class, () -> NodeSettings.loadFromXML(
            new ByteArrayInputStream("<other/>".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("<other>"), e.getMessage());
    }

    @Test
    void copyToCopiesNestedConfigsDeeply() throws Exception {
        NodeSettings s = new NodeSettings("a");
        s.addNodeSettings("sub").addString("x", "y");
        NodeSettings t = new NodeSettings("b");
        s.copyTo(t);
        s.getNodeSettings("sub").addString("x", "changed");
        assertEquals("y", t.getNodeSettings("sub").getString("x"));
    }
}
