package org.knime.core.data.vector.doublevector;

import java.io.IOException;
import java.util.Arrays;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;

/**
 * A dense double vector; create it with {@link DoubleVectorCellFactory#createCell(double[])}.
 */
public final class DenseDoubleVectorCell extends DataCell implements DoubleVectorValue {

    private static final long serialVersionUID = 1L;

    private final double[] m_values;

    DenseDoubleVectorCell(final double[] values) {
        if (values == null) {
            throw new NullPointerException("The vector of a double vector cell must not be null.");
        }
        m_values = values;
    }

    @Override
    public int getLength() {
        return m_values.length;
    }

    @Override
    public double getValue(final int index) {
        return m_values[index];
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return Arrays.equals(m_values, ((DenseDoubleVectorCell)dc).m_values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_values);
    }

    @Override
    public String toString() {
        return Arrays.toString(m_values);
    }

    /** Writes and reads dense double vectors. */
    public static final class DenseDoubleVectorSerializer implements DataCellSerializer<DenseDoubleVectorCell> {

        @Override
        public void serialize(final DenseDoubleVectorCell cell, final DataCellDataOutput output) throws IOException {
            output.writeInt(cell.m_values.length);
            for (double d : cell.m_values) {
                output.writeDouble(d);
            }
        }

        @Override
        public DenseDoubleVectorCell deserialize(final DataCellDataInput input) throws IOException {
            int n = input.readInt();
            if (n < 0) {
                throw new IOException("Corrupt double vector cell: negative length " + n + ".");
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = input.readDouble();
            }
            return new DenseDoubleVectorCell(v);
        }
    }
}
