package org.knime.core.data.collection;

import org.knime.core.data.DataCell;

/**
 * A cell holding an ordered list of cells.
 */
public interface ListDataValue extends CollectionDataValue {

    /**
     * @param index zero-based element index
     * @return the element
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    DataCell get(int index);
}
