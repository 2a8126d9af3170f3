package org.knime.core.data.vector.doublevector;

import org.knime.core.data.DataValue;

/**
 * A cell holding a dense vector of doubles.
 */
public interface DoubleVectorValue extends DataValue {

    /**
     * @return the vector length
     */
    int getLength();

    /**
     * @param index zero-based position, less than {@link #getLength()}
     * @return the value at that position
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    double getValue(int index);
}
