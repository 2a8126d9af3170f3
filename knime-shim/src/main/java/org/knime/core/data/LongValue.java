package org.knime.core.data;

/**
 * A cell that can be read as a long integer value.
 */
public interface LongValue extends DataValue {

    /**
     * @return the value
     */
    long getLongValue();
}
