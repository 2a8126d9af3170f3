package org.knime.core.data.vector.doublevector;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellFactory;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DoubleCell;

/**
 * Creates double vector cells.
 */
public class DoubleVectorCellFactory implements DataCellFactory {

    /** The type of columns holding dense double vectors. */
    public static final DataType TYPE = DataType.getType(DenseDoubleVectorCell.class, DoubleCell.TYPE);

    /**
     * Wraps the array without copying it; do not modify it afterwards.
     *
     * @param <T> the cell type
     * @param <DoubleVectorValue> unused second type parameter, kept for signature compatibility
     * @param vector the values, not null
     * @return the cell
     * @throws NullPointerException if the array is null
     */
    @SuppressWarnings({"unchecked", "hiding"})
    public static <T extends DataCell, DoubleVectorValue> T createCell(final double[] vector) {
        return (T)new DenseDoubleVectorCell(vector);
    }

    @Override
    public DataType getDataType() {
        return TYPE;
    }
}
