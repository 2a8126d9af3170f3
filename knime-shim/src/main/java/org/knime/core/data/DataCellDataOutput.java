package org.knime.core.data;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A binary output that can also write nested cells of any type.
 */
public interface DataCellDataOutput extends DataOutput {

    /**
     * @param cell the nested cell
     * @throws IOException if no serializer is known for the cell class or writing fails
     */
    void writeDataCell(DataCell cell) throws IOException;
}
