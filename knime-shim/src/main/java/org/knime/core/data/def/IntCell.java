package org.knime.core.data.def;

import java.io.IOException;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;

/**
 * An immutable cell holding an integer.
 */
public final class IntCell extends DataCell implements IntValue, LongValue, DoubleValue {

    /** The type of columns holding these cells. */
    public static final DataType TYPE = DataType.getType(IntCell.class);

    private static final long serialVersionUID = 1L;

    private final int m_value;

    /**
     * @param value the value
     */
    public IntCell(final int value) {
        m_value = value;
    }

    @Override
    public int getIntValue() {
        return m_value;
    }

    @Override
    public long getLongValue() {
        return m_value;
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return m_value == ((IntCell)dc).m_value;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Integer.toString(m_value);
    }

    /** Writes and reads these cells in binary form. */
    public static final class IntCellSerializer implements DataCellSerializer<IntCell> {

        @Override
        public void serialize(final IntCell cell, final DataCellDataOutput output) throws IOException {
            output.writeInt(cell.m_value);
        }

        @Override
        public IntCell deserialize(final DataCellDataInput input) throws IOException {
            return new IntCell(input.readInt());
        }
    }
}
