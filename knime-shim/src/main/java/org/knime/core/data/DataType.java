package org.knime.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.knime.core.data.collection.CollectionDataValue;

/**
 * The type of a column: the cell class plus, for collection cells, the element type. Two types are equal when both
 * parts are equal. A type is compatible with every {@link DataValue} interface its cell class implements.
 */
public final class DataType {

    private static final MissingCell MISSING = new MissingCell(null);

    private final Class<? extends DataCell> m_cellClass;

    private final DataType m_elementType;

    private final List<Class<? extends DataValue>> m_valueClasses;

    private DataType(final Class<? extends DataCell> cellClass, final DataType elementType) {
        m_cellClass = cellClass;
        m_elementType = elementType;
        m_valueClasses = Collections.unmodifiableList(new ArrayList<>(valueInterfaces(cellClass)));
    }

    /**
     * @param cellClass a cell class, not null
     * @return the type of cells of that class
     * @throws NullPointerException if the class is null
     */
    public static DataType getType(final Class<? extends DataCell> cellClass) {
        return new DataType(Objects.requireNonNull(cellClass, "cell class"), null);
    }

    /**
     * @param cellClass a collection (or vector) cell class, not null
     * @param elementType the type of its elements, may be null
     * @return the type of cells of that class holding elements of the given type
     * @throws NullPointerException if the class is null
     */
    public static DataType getType(final Class<? extends DataCell> cellClass, final DataType elementType) {
        return new DataType(Objects.requireNonNull(cellClass, "cell class"), elementType);
    }

    /**
     * @return the shared cell standing for a missing value
     */
    public static DataCell getMissingCell() {
        return MISSING;
    }

    /**
     * @param type1 a type
     * @param type2 another type
     * @return the first type if both are equal, otherwise the most general type
     */
    public static DataType getCommonSuperType(final DataType type1, final DataType type2) {
        if (type1.equals(type2)) {
            return type1;
        }
        return getType(DataCell.class);
    }

    @SuppressWarnings("unchecked")
    private static Set<Class<? extends DataValue>> valueInterfaces(final Class<?> c) {
        Set<Class<? extends DataValue>> result = new LinkedHashSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (DataValue.class.isAssignableFrom(i)) {
                    result.add((Class<? extends DataValue>)i);
                    result.addAll(valueInterfaces(i));
                }
            }
        }
        return result;
    }

    /**
     * @return the cell class of this type
     */
    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    /**
     * @param valueClass a value interface
     * @return whether cells of this type can be read as that value
     */
    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass != null && valueClass.isAssignableFrom(m_cellClass);
    }

    /**
     * @param valueClass a value interface
     * @return whether cells of this type prefer to be read as that value
     */
    public boolean isAdaptable(final Class<? extends DataValue> valueClass) {
        return isCompatible(valueClass);
    }

    /**
     * @return the value interfaces of this type, most specific first
     */
    public List<Class<? extends DataValue>> getValueClasses() {
        return m_valueClasses;
    }

    /**
     * @return the first value interface of the cell class, or {@link DataValue} if it has none
     */
    public Class<? extends DataValue> getPreferredValueClass() {
        return m_valueClasses.isEmpty() ? DataValue.class : m_valueClasses.get(0);
    }

    /**
     * @param type another type
     * @return whether every cell of {@code type} can be held in a column of this type
     */
    public boolean isASuperTypeOf(final DataType type) {
        if (type == null) {
            return false;
        }
        if (equals(type) || m_cellClass == DataCell.class) {
            return true;
        }
        if (!m_cellClass.isAssignableFrom(type.m_cellClass)) {
            return false;
        }
        return m_elementType == null || (type.m_elementType != null && m_elementType.isASuperTypeOf(type.m_elementType));
    }

    /**
     * @return whether this is the type of a collection cell
     */
    public boolean isCollectionType() {
        return CollectionDataValue.class.isAssignableFrom(m_cellClass);
    }

    /**
     * @return the element type of a collection type, null otherwise
     */
    public DataType getCollectionElementType() {
        return m_elementType;
    }

    /**
     * @return a readable name of this type
     */
    public String getName() {
        String n = m_cellClass.getSimpleName().replaceFirst("Cell$", "");
        return m_elementType == null ? n : n + " of " + m_elementType.getName();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataType t && t.m_cellClass == m_cellClass && Objects.equals(t.m_elementType, m_elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_cellClass.getName(), m_elementType);
    }

    @Override
    public String toString() {
        return getName();
    }
}
