package org.knime.core.data;

import java.io.Serializable;

/**
 * An immutable value in a table. Subclasses define equality through {@link #equalsDataCell(DataCell)} and
 * {@link #hashCode()}; cells of different classes are never equal unless {@link #equalContent(DataValue)} says so.
 */
public abstract class DataCell implements DataValue, Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @return the type of this cell, derived from its class (and, for collections, the element type)
     */
    public final DataType getType() {
        if (this instanceof org.knime.core.data.collection.CollectionDataValue c) {
            return DataType.getType(getClass(), c.getElementType());
        }
        return DataType.getType(getClass());
    }

    /**
     * @return whether this cell stands for a missing value
     */
    public boolean isMissing() {
        return false;
    }

    /**
     * @param dc a non-null, non-missing cell of the same class
     * @return whether both cells hold the same value
     */
    protected abstract boolean equalsDataCell(DataCell dc);

    /**
     * Compares with a value of another cell class; by default such values are not equal.
     *
     * @param otherValue a value of another class
     * @return whether the content is equal
     */
    protected boolean equalContent(final DataValue otherValue) {
        return false;
    }

    @Override
    public final boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataCell other)) {
            return false;
        }
        if (isMissing() || other.isMissing()) {
            return isMissing() && other.isMissing();
        }
        if (getClass() == other.getClass()) {
            return equalsDataCell(other);
        }
        return equalContent(other);
    }

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();
}
