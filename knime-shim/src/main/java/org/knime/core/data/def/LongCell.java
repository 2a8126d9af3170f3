package org.knime.core.data.def;

import java.io.IOException;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.LongValue;

/**
 * An immutable cell holding a long integer.
 */
public final class LongCell extends DataCell implements LongValue, DoubleValue {

    /** The type of columns holding these cells. */
    public static final DataType TYPE = DataType.getType(LongCell.class);

    private static final long serialVersionUID = 1L;

    private final long m_value;

    /**
     * @param value the value
     */
    public LongCell(final long value) {
        m_value = value;
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
        return m_value == ((LongCell)dc).m_value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Long.toString(m_value);
    }

    /** Writes and reads these cells in binary form. */
    public static final class LongSerializer implements DataCellSerializer<LongCell> {

        @Override
        public void serialize(final LongCell cell, final DataCellDataOutput output) throws IOException {
            output.writeLong(cell.m_value);
        }

        @Override
        public LongCell deserialize(final DataCellDataInput input) throws IOException {
            return new LongCell(input.readLong());
        }
    }
}
