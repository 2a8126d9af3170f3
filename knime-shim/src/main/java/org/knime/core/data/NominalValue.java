package org.knime.core.data;

/**
 * A value from a set of categories (e.g. a cell type label), as opposed to a numeric value.
 */
public interface NominalValue extends DataValue {
}
