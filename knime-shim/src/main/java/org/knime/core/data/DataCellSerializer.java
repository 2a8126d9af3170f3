package org.knime.core.data;

import java.io.IOException;

/**
 * Writes cells of one class to a binary stream and reads them back.
 *
 * @param <T> the cell class
 */
public interface DataCellSerializer<T extends DataCell> {

    /**
     * @param cell the cell to write, not null
     * @param output the target
     * @throws IOException if writing fails
     */
    void serialize(T cell, DataCellDataOutput output) throws IOException;

    /**
     * @param input the source, positioned at a cell written by {@link #serialize(DataCell, DataCellDataOutput)}
     * @return the cell
     * @throws IOException if reading fails or the data is corrupt
     */
    T deserialize(DataCellDataInput input) throws IOException;
}
