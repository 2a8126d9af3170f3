package org.knime.core.data;

/**
 * Marker for the kinds of values a cell offers; cells implement the value interfaces they can be read as.
 */
public interface DataValue {
}
