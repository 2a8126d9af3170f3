package org.knime.core.data;

/**
 * A cell that can be read as an integer value.
 */
public interface IntValue extends DataValue {

    /**
     * @return the value
     */
    int getIntValue();
}
