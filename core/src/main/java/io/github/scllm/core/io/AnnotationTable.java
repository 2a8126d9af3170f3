package io.github.scllm.core.io;

import java.util.List;
import java.util.Optional;

/**
 * Per-cell (obs) or per-gene (var) annotation: row names plus typed columns, all of the same length.
 *
 * @param rowNames the index (cell IDs or gene IDs/symbols), unique for obs
 * @param columns the columns, in file order
 */
public record AnnotationTable(String[] rowNames, List<AnnotationColumn> columns) {
    public AnnotationTable {
        columns = List.copyOf(columns);
        for (AnnotationColumn c : columns) {
            if (c.size() != rowNames.length) {
                throw new IllegalArgumentException("Column '" + c.name() + "' has " + c.size() + " values for "
                    + rowNames.length + " rows");
            }
        }
    }

    public int rowCount() {
        return rowNames.length;
    }

    public Optional<AnnotationColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return a copy holding only the given rows, in the given order */
    public AnnotationTable select(int[] rows) {
        String[] names = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            names[i] = rowNames[rows[i]];
        }
        return new AnnotationTable(names, columns.stream().map(c -> c.select(rows)).toList());
    }
}
