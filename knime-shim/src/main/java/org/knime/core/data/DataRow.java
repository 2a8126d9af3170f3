package org.knime.core.data;

import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An immutable row: a key and a fixed number of cells.
 */
public interface DataRow extends Iterable<DataCell> {

    /**
     * @return the number of cells
     */
    int getNumCells();

    /**
     * @return the row key
     */
    RowKey getKey();

    /**
     * @param index zero-based cell index, less than {@link #getNumCells()}
     * @return the cell
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    DataCell getCell(int index);

    /**
     * @return the cells in order
     */
    default Stream<DataCell> stream() {
        return StreamSupport.stream(spliterator(), false);
    }
}
