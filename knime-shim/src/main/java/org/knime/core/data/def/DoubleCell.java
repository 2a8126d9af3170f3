package org.knime.core.data.def;

import java.io.IOException;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

/**
 * An immutable cell holding a double.
 */
public final class DoubleCell extends DataCell implements DoubleValue {

    /** The type of columns holding these cells. */
    public static final DataType TYPE = DataType.getType(DoubleCell.class);

    private static final long serialVersionUID = 1L;

    private final double m_value;

    /**
     * @param value the value
     */
    public DoubleCell(final double value) {
        m_value = value;
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return Double.doubleToLongBits(m_value) == Double.doubleToLongBits(((DoubleCell)dc).m_value);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Double.toString(m_value);
    }

    /** Writes and reads these cells in binary form. */
    public static final class DoubleSerializer implements DataCellSerializer<DoubleCell> {

        @Override
        public void serialize(final DoubleCell cell, final DataCellDataOutput output) throws IOException {
            output.writeDouble(cell.m_value);
        }

        @Override
        public DoubleCell deserialize(final DataCellDataInput input) throws IOException {
            return new DoubleCell(input.readDouble());
        }
    }
}
