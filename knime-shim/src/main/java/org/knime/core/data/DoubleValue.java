package org.knime.core.data;

/**
 * A cell that can be read as a floating point value.
 */
public interface DoubleValue extends DataValue {

    /**
     * @return the value
     */
    double getDoubleValue();
}
