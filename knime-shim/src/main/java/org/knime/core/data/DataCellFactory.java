package org.knime.core.data;

/**
 * A factory for cells of one data type.
 */
public interface DataCellFactory {

    /**
     * @return the type of the cells this factory creates
     */
    DataType getDataType();
}
