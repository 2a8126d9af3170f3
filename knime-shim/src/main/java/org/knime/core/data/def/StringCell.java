package org.knime.core.data.def;

import java.io.IOException;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;
import org.knime.core.data.NominalValue;
import org.knime.core.data.StringValue;

/**
 * An immutable cell holding a text.
 */
public final class StringCell extends DataCell implements StringValue, NominalValue {

    /** The type of columns holding these cells. */
    public static final DataType TYPE = DataType.getType(StringCell.class);

    private static final long serialVersionUID = 1L;

    private final String m_value;

    /**
     * @param value the value, not null
     * @throws NullPointerException if the value is null
     */
    public StringCell(final String value) {
        if (value == null) {
            throw new NullPointerException("The value of a StringCell must not be null.");
        }
        m_value = value;
    }

    @Override
    public String getStringValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return m_value.equals(((StringCell)dc).m_value);
    }

    @Override
    public int hashCode() {
        return m_value.hashCode();
    }

    @Override
    public String toString() {
        return m_value;
    }

    /** Writes and reads these cells in binary form. */
    public static final class StringSerializer implements DataCellSerializer<StringCell> {

        @Override
        public void serialize(final StringCell cell, final DataCellDataOutput output) throws IOException {
            output.writeUTF(cell.m_value);
        }

        @Override
        public StringCell deserialize(final DataCellDataInput input) throws IOException {
            return new StringCell(input.readUTF());
        }
    }
}
