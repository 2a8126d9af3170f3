package org.knime.core.data.def;

import java.io.IOException;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;

/**
 * An immutable cell holding a boolean; there are exactly two instances, {@link #TRUE} and {@link #FALSE}.
 */
public final class BooleanCell extends DataCell implements BooleanValue, IntValue, LongValue, DoubleValue {

    /** The type of columns holding these cells. */
    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    /** The cell for true. */
    public static final BooleanCell TRUE = new BooleanCell(true);

    /** The cell for false. */
    public static final BooleanCell FALSE = new BooleanCell(false);

    private static final long serialVersionUID = 1L;

    private final boolean m_value;

    private BooleanCell(final boolean value) {
        m_value = value;
    }

    /**
     * @param b a boolean
     * @return {@link #TRUE} or {@link #FALSE}
     * @deprecated kept for compatibility; use the constants
     */
    @Deprecated
    public static BooleanCell get(final boolean b) {
        return b ? TRUE : FALSE;
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    public int getIntValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public long getLongValue() {
        return getIntValue();
    }

    @Override
    public double getDoubleValue() {
        return getIntValue();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return m_value == ((BooleanCell)dc).m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }

    private Object readResolve() {
        return m_value ? TRUE : FALSE;
    }

    /** Writes and reads these cells in binary form. */
    public static final class BooleanSerializer implements DataCellSerializer<BooleanCell> {

        @Override
        public void serialize(final BooleanCell cell, final DataCellDataOutput output) throws IOException {
            output.writeBoolean(cell.m_value);
        }

        @Override
        public BooleanCell deserialize(final DataCellDataInput input) throws IOException {
            return input.readBoolean() ? TRUE : FALSE;
        }
    }
}
