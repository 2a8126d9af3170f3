package org.knime.core.data;

import java.io.DataInput;
import java.io.IOException;

/**
 * A binary input that can also read nested cells of any type.
 */
public interface DataCellDataInput extends DataInput {

    /**
     * @return the nested cell
     * @throws IOException if the cell class is unknown or reading fails
     */
    DataCell readDataCell() throws IOException;
}
