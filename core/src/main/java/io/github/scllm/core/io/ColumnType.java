package io.github.scllm.core.io;

/** Value type of an obs or var column, as a KNIME node maps it to a column type. */
public enum ColumnType {
    /** Free text; categoricals with string categories also arrive as strings (see {@link AnnotationColumn#categorical()}). */
    STRING,
    /** Integers of any width, including nullable integers. */
    INTEGER,
    /** Floating point numbers. */
    DOUBLE,
    /** Booleans, including nullable booleans. */
    BOOLEAN
}
