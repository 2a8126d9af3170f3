package org.knime.core.data;

/**
 * A cell that can be read as a text value.
 */
public interface StringValue extends DataValue {

    /**
     * @return the value
     */
    String getStringValue();
}
