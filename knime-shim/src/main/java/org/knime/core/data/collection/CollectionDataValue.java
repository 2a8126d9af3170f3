package org.knime.core.data.collection;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DataValue;

/**
 * A cell holding a collection of cells.
 */
public interface CollectionDataValue extends DataValue, Iterable<DataCell> {

    /**
     * @return the common type of the elements
     */
    DataType getElementType();

    /**
     * @return the number of elements
     */
    int size();

    /**
     * @return whether elements are held as blob wrappers (never in this implementation)
     */
    boolean containsBlobWrapperCells();
}
