package org.knime.core.data;

/**
 * A cell that can be read as a boolean value.
 */
public interface BooleanValue extends DataValue {

    /**
     * @return the value
     */
    boolean getBooleanValue();
}
