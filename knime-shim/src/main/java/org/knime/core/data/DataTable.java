package org.knime.core.data;

/**
 * A table: a spec and rows that can be iterated any number of times.
 */
public interface DataTable extends Iterable<DataRow> {

    /**
     * @return the table spec
     */
    DataTableSpec getDataTableSpec();

    @Override
    RowIterator iterator();
}
