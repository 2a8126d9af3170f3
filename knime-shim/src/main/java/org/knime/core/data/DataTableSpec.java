package org.knime.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

/**
 * Immutable description of a table: a name and uniquely named columns.
 */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {

    private static final String DEFAULT_NAME = "default";

    private final String m_name;

    private final List<DataColumnSpec> m_columns;

    private final Map<String, Integer> m_index;

    /** Creates an empty spec. */
    public DataTableSpec() {
        this(DEFAULT_NAME, new DataColumnSpec[0]);
    }

    /**
     * @param colSpecs the columns, not null, with unique names
     * @throws IllegalArgumentException if two columns share a name
     */
    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this(DEFAULT_NAME, colSpecs);
    }

    /**
     * @param name the table name
     * @param colSpecs the columns, not null, with unique names
     * @throws IllegalArgumentException if two columns share a name or a column is null
     */
    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name == null ? DEFAULT_NAME : name;
        m_columns = List.copyOf(Arrays.asList(colSpecs));
        m_index = new HashMap<>();
        for (int i = 0; i < m_columns.size(); i++) {
            String n = m_columns.get(i).getName();
            Integer prev = m_index.put(n, i);
            if (prev != null) {
                throw new IllegalArgumentException("Duplicate column name \"" + n + "\" at positions " + prev
                    + " and " + i + " in table spec \"" + m_name + "\"; column names must be unique.");
            }
        }
    }

    /**
     * @param spec1 the first columns
     * @param spec2 columns appended after them
     * @throws IllegalArgumentException if a column name occurs in both
     */
    public DataTableSpec(final DataTableSpec spec1, final DataTableSpec spec2) {
        this(spec1.getName(), concat(spec1, spec2));
    }

    /**
     * @param names column names
     * @param types column types, same length as names
     * @throws IllegalArgumentException if the lengths differ or names repeat
     */
    public DataTableSpec(final String[] names, final DataType[] types) {
        this(DEFAULT_NAME, names, types);
    }

    /**
     * @param name the table name
     * @param names column names
     * @param types column types, same length as names
     * @throws IllegalArgumentException if the lengths differ or names repeat
     */
    public DataTableSpec(final String name, final String[] names, final DataType[] types) {
        this(name, create(names, types));
    }

    private static DataColumnSpec[] concat(final DataTableSpec a, final DataTableSpec b) {
        return Stream.concat(a.stream(), b.stream()).toArray(DataColumnSpec[]::new);
    }

    private static DataColumnSpec[] create(final String[] names, final DataType[] types) {
        if (names.length != types.length) {
            throw new IllegalArgumentException(
                names.length + " column names but " + types.length + " column types given; they must match.");
        }
        DataColumnSpec[] specs = new DataColumnSpec[names.length];
        for (int i = 0; i < names.length; i++) {
            specs[i] = new DataColumnSpecCreator(names[i], types[i]).createSpec();
        }
        return specs;
    }

    /**
     * @return the table name
     */
    public String getName() {
        return m_name;
    }

    /**
     * @return the number of columns
     */
    public int getNumColumns() {
        return m_columns.size();
    }

    /**
     * @param index zero-based column index
     * @return the column spec
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns.get(index);
    }

    /**
     * @param column a column name
     * @return the column spec, or null if there is no such column
     */
    public DataColumnSpec getColumnSpec(final String column) {
        Integer i = m_index.get(column);
        return i == null ? null : m_columns.get(i);
    }

    /**
     * @param columnName a column name
     * @return the zero-based index, or -1 if there is no such column
     */
    public int findColumnIndex(final String columnName) {
        Integer i = m_index.get(columnName);
        return i == null ? -1 : i;
    }

    /**
     * @param columnName a column name
     * @return whether such a column exists
     */
    public boolean containsName(final String columnName) {
        return m_index.containsKey(columnName);
    }

    /**
     * @param valueClass a value interface
     * @return whether any column is compatible with it
     */
    public boolean containsCompatibleType(final Class<? extends DataValue> valueClass) {
        return stream().anyMatch(c -> c.getType().isCompatible(valueClass));
    }

    /**
     * @return the column names in order
     */
    public String[] getColumnNames() {
        return stream().map(DataColumnSpec::getName).toArray(String[]::new);
    }

    /**
     * @param spec another spec
     * @return whether both have the same column names and types in the same order
     */
    public boolean equalStructure(final DataTableSpec spec) {
        if (spec == null || spec.getNumColumns() != getNumColumns()) {
            return false;
        }
        for (int i = 0; i < getNumColumns(); i++) {
            if (!getColumnSpec(i).equalStructure(spec.getColumnSpec(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the column specs as a stream
     */
    public Stream<DataColumnSpec> stream() {
        return m_columns.stream();
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return m_columns.iterator();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataTableSpec s && s.m_columns.equals(m_columns);
    }

    @Override
    public int hashCode() {
        return m_columns.hashCode();
    }

    @Override
    public String toString() {
        return "name=" + m_name + ",columns=" + m_columns;
    }
}
