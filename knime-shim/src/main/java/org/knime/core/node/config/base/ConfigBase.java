package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.shim.harness.XmlConfigCodec;
import io.github.scllm.shim.harness.XmlConfigCodec.XmlConfig;
import io.github.scllm.shim.harness.XmlConfigCodec.XmlEntry;

/**
 * A named tree of typed entries and sub-configs, kept in insertion order. Values are held in their textual form (the
 * form they take in the XML config format), so a saved and reloaded config yields exactly the same values.
 */
public abstract class ConfigBase implements ConfigBaseRO, ConfigBaseWO {

    /** Key of the entry that holds the length of an array sub-config. */
    static final String ARRAY_SIZE_KEY = "array-size";

    private String m_key;

    /** Entries by key: either a {@link Leaf} or a nested {@link ConfigBase}. */
    private final Map<String, Object> m_entries = new LinkedHashMap<>();

    /**
     * @param key the name of this config, not null
     * @throws IllegalArgumentException if the key is null
     */
    public ConfigBase(final String key) {
        if (key == null) {
            throw new IllegalArgumentException("A config key must not be null.");
        }
        m_key = key;
    }

    /**
     * Creates an empty config of the same kind as this one; sub-configs are created through it.
     *
     * @param key the new config's key
     * @return a new, empty config
     */
    public abstract ConfigBase getInstance(String key);

    /**
     * Reads a config in the XML config format into this config, which takes the document's key.
     *
     * @param in the stream, closed when done
     * @throws IOException if the stream cannot be read or is not a config document
     */
    public void load(final InputStream in) throws IOException {
        XmlConfig document = XmlConfigCodec.read(in);
        m_key = document.key();
        fill(this, document, "/");
    }

    private static void fill(final ConfigBase target, final XmlConfig document, final String path)
        throws IOException {
        for (Map.Entry<String, Object> e : document.children().entrySet()) {
            if (e.getValue() instanceof XmlConfig sub) {
                fill(target.addConfigBase(e.getKey()), sub, path + e.getKey() + "/");
            } else {
                XmlEntry entry = (XmlEntry)e.getValue();
                Kind kind = Kind.ofXmlName(entry.type());
                if (kind == null) {
                    throw new IOException("Unknown entry type \"" + entry.type() + "\" for key \"" + e.getKey()
                        + "\" at " + path + " in XML config.");
                }
                target.putLeaf(e.getKey(), kind, entry.text());
            }
        }
    }

    /** This config as the XML format's tree. */
    private XmlConfig toXmlTree() {
        Map<String, Object> children = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m_entries.entrySet()) {
            if (e.getValue() instanceof ConfigBase sub) {
                children.put(e.getKey(), sub.toXmlTree());
            } else {
                Leaf l = (Leaf)e.getValue();
                children.put(e.getKey(), new XmlEntry(l.kind().m_xmlName, l.text()));
            }
        }
        return new XmlConfig(m_key, children);
    }

    @Override
    public String getKey() {
        return m_key;
    }

    /** The kinds of leaf entries, named as in the XML config format. */
    enum Kind {
        XINT("xint"), XDOUBLE("xdouble"), XFLOAT("xfloat"), XCHAR("xchar"), XSHORT("xshort"), XLONG("xlong"),
        XBYTE("xbyte"), XSTRING("xstring"), XBOOLEAN("xboolean"), XPASSWORD("xpassword"),
        XTRANSIENTSTRING("xtransientstring");

        final String m_xmlName;

        Kind(final String xmlName) {
            m_xmlName = xmlName;
        }

        static Kind ofXmlName(final String name) {
            for (Kind k : values()) {
                if (k.m_xmlName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A leaf value in textual form; {@code null} text is a null value. */
    record Leaf(Kind kind, String text) {
    }

    void putLeaf(final String key, final Kind kind, final String text) {
        checkKey(key);
        m_entries.put(key, new Leaf(kind, text));
    }

    void putConfig(final String key, final ConfigBase sub) {
        checkKey(key);
        m_entries.put(key, sub);
    }

    private static void checkKey(final String key) {
        if (key == null) {
            throw new IllegalArgumentException("A settings key must not be null.");
        }
    }

    private String where(final String key) {
        return "key \"" + key + "\" in config \"" + m_key + "\"";
    }

    private Leaf leaf(final String key, final Kind kind) throws InvalidSettingsException {
        Object o = m_entries.get(key);
        if (o == null) {
            throw new InvalidSettingsException(
                "No " + kind.m_xmlName + " entry for " + where(key) + ": the setting is missing.");
        }
        if (!(o instanceof Leaf l) || l.kind() != kind) {
            String actual = o instanceof Leaf l2 ? l2.kind().m_xmlName : "config";
            throw new InvalidSettingsException("Entry for " + where(key) + " has type " + actual + ", expected "
                + kind.m_xmlName + ".");
        }
        return l;
    }

    private <T> T parse(final String key, final Kind kind, final Function<String, T> parser)
        throws InvalidSettingsException {
        Leaf l = leaf(key, kind);
        if (l.text() == null) {
            throw new InvalidSettingsException("Entry for " + where(key) + " is null, expected a " + kind.m_xmlName
                + " value.");
        }
        try {
            return parser.apply(l.text());
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(
                "Entry for " + where(key) + " holds \"" + l.text() + "\", which is not a valid " + kind.m_xmlName
                    + " value.", e);
        }
    }

    // ---- sub-configs

    @Override
    public ConfigBase getConfigBase(final String key) throws InvalidSettingsException {
        Object o = m_entries.get(key);
        if (o instanceof ConfigBase c) {
            return c;
        }
        if (o == null) {
            throw new InvalidSettingsException("No sub-config for " + where(key) + ": the setting is missing.");
        }
        throw new InvalidSettingsException("Entry for " + where(key) + " is a value, expected a sub-config.");
    }

    @Override
    public ConfigBase addConfigBase(final String key) {
        ConfigBase sub = getInstance(key);
        putConfig(key, sub);
        return sub;
    }

    // ---- scalar getters

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XINT, Integer::parseInt);
    }

    @Override
    public int getInt(final String key, final int def) {
        try {
            return getInt(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XDOUBLE, Double::parseDouble);
    }

    @Override
    public double getDouble(final String key, final double def) {
        try {
            return getDouble(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public float getFloat(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XFLOAT, Float::parseFloat);
    }

    @Override
    public float getFloat(final String key, final float def) {
        try {
            return getFloat(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public char getChar(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XCHAR, s -> {
            if (s.length() != 1) {
                throw new IllegalArgumentException("not a single character");
            }
            return s.charAt(0);
        });
    }

    @Override
    public char getChar(final String key, final char def) {
        try {
            return getChar(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public short getShort(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XSHORT, Short::parseShort);
    }

    @Override
    public short getShort(final String key, final short def) {
        try {
            return getShort(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XLONG, Long::parseLong);
    }

    @Override
    public long getLong(final String key, final long def) {
        try {
            return getLong(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public byte getByte(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XBYTE, Byte::parseByte);
    }

    @Override
    public byte getByte(final String key, final byte def) {
        try {
            return getByte(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return parse(key, Kind.XBOOLEAN, s -> {
            if ("true".equals(s)) {
                return Boolean.TRUE;
            }
            if ("false".equals(s)) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("not a boolean");
        });
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        try {
            return getBoolean(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return leaf(key, Kind.XSTRING).text();
    }

    @Override
    public String getString(final String key, final String def) {
        try {
            return getString(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getPassword(final String key, final String encryptionKey) throws InvalidSettingsException {
        String stored = leaf(key, Kind.XPASSWORD).text();
        return stored == null ? null : PasswordCodec.decode(stored, encryptionKey);
    }

    @Override
    public String getPassword(final String key, final String encryptionKey, final String def) {
        try {
            return getPassword(key, encryptionKey);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getTransientString(final String key) {
        Object o = m_entries.get(key);
        return o instanceof Leaf l && l.kind() == Kind.XTRANSIENTSTRING ? l.text() : null;
    }

    // ---- array getters: an array is a sub-config with "array-size" and entries "0" .. "n-1"

    private interface ElementReader<A> {
        A create(int size);

        void read(ConfigBase cfg, String key, A array, int index) throws InvalidSettingsException;
    }

    private <A> A readArray(final String key, final ElementReader<A> reader) throws InvalidSettingsException {
        ConfigBase sub = getConfigBase(key);
        if (!sub.containsKey(ARRAY_SIZE_KEY)) {
            return null;
        }
        int size = sub.getInt(ARRAY_SIZE_KEY);
        A array = reader.create(size);
        for (int i = 0; i < size; i++) {
            reader.read(sub, Integer.toString(i), array, i);
        }
        return array;
    }

    private <A> A readArrayOrDefault(final String key, final ElementReader<A> reader, final A def) {
        try {
            return readArray(key, reader);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    private static final ElementReader<int[]> INTS = new ElementReader<>() {
        @Override
        public int[] create(final int size) {
            return new int[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final int[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getInt(k);
        }
    };

    private static final ElementReader<double[]> DOUBLES = new ElementReader<>() {
        @Override
        public double[] create(final int size) {
            return new double[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final double[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getDouble(k);
        }
    };

    private static final ElementReader<float[]> FLOATS = new ElementReader<>() {
        @Override
        public float[] create(final int size) {
            return new float[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final float[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getFloat(k);
        }
    };

    private static final ElementReader<char[]> CHARS = new ElementReader<>() {
        @Override
        public char[] create(final int size) {
            return new char[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final char[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getChar(k);
        }
    };

    private static final ElementReader<short[]> SHORTS = new ElementReader<>() {
        @Override
        public short[] create(final int size) {
            return new short[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final short[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getShort(k);
        }
    };

    private static final ElementReader<long[]> LONGS = new ElementReader<>() {
        @Override
        public long[] create(final int size) {
            return new long[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final long[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getLong(k);
        }
    };

    private static final ElementReader<byte[]> BYTES = new ElementReader<>() {
        @Override
        public byte[] create(final int size) {
            return new byte[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final byte[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getByte(k);
        }
    };

    private static final ElementReader<boolean[]> BOOLEANS = new ElementReader<>() {
        @Override
        public boolean[] create(final int size) {
            return new boolean[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final boolean[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getBoolean(k);
        }
    };

    private static final ElementReader<String[]> STRINGS = new ElementReader<>() {
        @Override
        public String[] create(final int size) {
            return new String[size];
        }

        @Override
        public void read(final ConfigBase c, final String k, final String[] a, final int i)
            throws InvalidSettingsException {
            a[i] = c.getString(k);
        }
    };

    @Override
    public int[] getIntArray(final String key) throws InvalidSettingsException {
        return readArray(key, INTS);
    }

    @Override
    public int[] getIntArray(final String key, final int... def) {
        return readArrayOrDefault(key, INTS, def);
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        return readArray(key, DOUBLES);
    }

    @Override
    public double[] getDoubleArray(final String key, final double... def) {
        return readArrayOrDefault(key, DOUBLES, def);
    }

    @Override
    public float[] getFloatArray(final String key) throws InvalidSettingsException {
        return readArray(key, FLOATS);
    }

    @Override
    public float[] getFloatArray(final String key, final float... def) {
        return readArrayOrDefault(key, FLOATS, def);
    }

    @Override
    public char[] getCharArray(final String key) throws InvalidSettingsException {
        return readArray(key, CHARS);
    }

    @Override
    public char[] getCharArray(final String key, final char... def) {
        return readArrayOrDefault(key, CHARS, def);
    }

    @Override
    public byte[] getByteArray(final String key) throws InvalidSettingsException {
        return readArray(key, BYTES);
    }

    @Override
    public byte[] getByteArray(final String key, final byte... def) {
        return readArrayOrDefault(key, BYTES, def);
    }

    @Override
    public short[] getShortArray(final String key) throws InvalidSettingsException {
        return readArray(key, SHORTS);
    }

    @Override
    public short[] getShortArray(final String key, final short... def) {
        return readArrayOrDefault(key, SHORTS, def);
    }

    @Override
    public long[] getLongArray(final String key) throws InvalidSettingsException {
        return readArray(key, LONGS);
    }

    @Override
    public long[] getLongArray(final String key, final long... def) {
        return readArrayOrDefault(key, LONGS, def);
    }

    @Override
    public boolean[] getBooleanArray(final String key) throws InvalidSettingsException {
        return readArray(key, BOOLEANS);
    }

    @Override
    public boolean[] getBooleanArray(final String key, final boolean... def) {
        return readArrayOrDefault(key, BOOLEANS, def);
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        return readArray(key, STRINGS);
    }

    @Override
    public String[] getStringArray(final String key, final String... def) {
        return readArrayOrDefault(key, STRINGS, def);
    }

    // ---- writers

    @Override
    public void addInt(final String key, final int value) {
        putLeaf(key, Kind.XINT, Integer.toString(value));
    }

    @Override
    public void addDouble(final String key, final double value) {
        putLeaf(key, Kind.XDOUBLE, Double.toString(value));
    }

    @Override
    public void addFloat(final String key, final float value) {
        putLeaf(key, Kind.XFLOAT, Float.toString(value));
    }

    @Override
    public void addChar(final String key, final char value) {
        putLeaf(key, Kind.XCHAR, Character.toString(value));
    }

    @Override
    public void addShort(final String key, final short value) {
        putLeaf(key, Kind.XSHORT, Short.toString(value));
    }

    @Override
    public void addLong(final String key, final long value) {
        putLeaf(key, Kind.XLONG, Long.toString(value));
    }

    @Override
    public void addByte(final String key, final byte value) {
        putLeaf(key, Kind.XBYTE, Byte.toString(value));
    }

    @Override
    public void addString(final String key, final String value) {
        putLeaf(key, Kind.XSTRING, value);
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        putLeaf(key, Kind.XBOOLEAN, Boolean.toString(value));
    }

    @Override
    public void addPassword(final String key, final String encryptionKey, final String value) {
        putLeaf(key, Kind.XPASSWORD, value == null ? null : PasswordCodec.encode(value, encryptionKey));
    }

    @Override
    public void addTransientString(final String key, final String value) {
        putLeaf(key, Kind.XTRANSIENTSTRING, value);
    }

    private ConfigBase arrayConfig(final String key, final Object array, final int length) {
        ConfigBase sub = addConfigBase(key);
        if (array != null) {
            sub.addInt(ARRAY_SIZE_KEY, length);
        }
        return sub;
    }

    @Override
    public void addIntArray(final String key, final int... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addInt(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addDouble(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addFloatArray(final String key, final float... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addFloat(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addCharArray(final String key, final char... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addChar(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addShortArray(final String key, final short... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addShort(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addLongArray(final String key, final long... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addLong(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addByteArray(final String key, final byte... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addByte(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addBooleanArray(final String key, final boolean... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addBoolean(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        ConfigBase sub = arrayConfig(key, values, values == null ? 0 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            sub.addString(Integer.toString(i), values[i]);
        }
    }

    // ---- structure

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_entries.keySet());
    }

    @Override
    public boolean containsKey(final String key) {
        return key != null && m_entries.containsKey(key);
    }

    @Override
    public Iterator<String> iterator() {
        return keySet().iterator();
    }

    @Override
    public void copyTo(final ConfigBaseWO config) {
        if (!(config instanceof ConfigBase target)) {
            throw new IllegalArgumentException("Cannot copy into a config of type " + config.getClass().getName());
        }
        for (Map.Entry<String, Object> e : m_entries.entrySet()) {
            if (e.getValue() instanceof ConfigBase sub) {
                sub.copyTo(target.addConfigBase(e.getKey()));
            } else {
                Leaf l = (Leaf)e.getValue();
                target.putLeaf(e.getKey(), l.kind(), l.text());
            }
        }
    }

    @Override
    public void saveToXML(final OutputStream os) throws IOException {
        XmlConfigCodec.write(toXmlTree(), os);
    }

    @Override
    public String toString() {
        var out = new java.io.ByteArrayOutputStream();
        try {
            XmlConfigCodec.write(toXmlTree(), out);
        } catch (IOException e) {
            return getClass().getSimpleName() + "[" + m_key + "]";
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reversible encoding of stored passwords keyed by the caller's encryption key. It keeps passwords out of plain
     * sight in a settings file; it is not a cryptographic protection.
     */
    static final class PasswordCodec {
        private PasswordCodec() {
        }

        static String encode(final String plain, final String key) {
            byte[] b = xor(plain.getBytes(StandardCharsets.UTF_8), key);
            return Base64.getEncoder().encodeToString(b);
        }

        static String decode(final String stored, final String key) {
            byte[] b = xor(Base64.getDecoder().decode(stored), key);
            return new String(b, StandardCharsets.UTF_8);
        }

        private static byte[] xor(final byte[] data, final String key) {
            byte[] k = (key == null || key.isEmpty() ? "-" : key).getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = (byte)(data[i] ^ k[i % k.length]);
            }
            return out;
        }
    }
}
