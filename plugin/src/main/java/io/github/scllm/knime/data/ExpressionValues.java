package io.github.scllm.knime.data;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.KNIMEException;

import io.github.scllm.core.io.ValueKind;
import io.github.scllm.core.io.ValueKindDetector;

/** What an expression column holds, told from its first cells as the command line tells it from a file's. */
public final class ExpressionValues {
    private ExpressionValues() {
    }

    /**
     * @param table a table with an expression column
     * @param column the column's index
     * @return the kind of the values of the first {@link ValueKindDetector#SAMPLE_CELLS} cells with a value
     */
    public static ValueKind kind(BufferedDataTable table, int column) {
        ValueKindDetector detector = new ValueKindDetector();
        float[] values = new float[0];
        int cells = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext() && cells < ValueKindDetector.SAMPLE_CELLS) {
                DataRow row = it.next();
                DataCell cell = row.getCell(column);
                if (cell.isMissing()) {
                    continue;
                }
                ExpressionValue e = (ExpressionValue) cell;
                int n = e.storedCount();
                if (values.length < n) {
                    values = new float[n];
                }
                for (int k = 0; k < n; k++) {
                    values[k] = e.storedValue(k);
                }
                detector.addCell(values, 0, n);
                cells++;
            }
        }
        return detector.kind();
    }

    /**
     * Checks what a node's option declares against what the column holds.
     *
     * @param table the input table
     * @param column the expression column's index
     * @param countsDeclared whether the node's option says counts (which the node normalises)
     * @param setForLogNormalised the option to set for log-normalised values, e.g. "Normalisation to none"
     * @throws KNIMEException when the values are scaled, or log-normalised while counts are declared
     */
    public static void check(BufferedDataTable table, int column, boolean countsDeclared, String setForLogNormalised)
        throws KNIMEException {
        ValueKind kind = kind(table, column);
        String holds = "Column '" + table.getDataTableSpec().getColumnSpec(column).getName() + "' holds " + kind.id()
            + " values (told from its first cells).";
        if (kind == ValueKind.SCALED) {
            throw new KNIMEException(holds + " No method here works on scaled values: read the raw counts (Read "
                + "scRNA's Matrix option: raw or layer:NAME).");
        }
        if (kind == ValueKind.LOG_NORMALISED && countsDeclared) {
            throw new KNIMEException(holds + " They would be normalised a second time: set " + setForLogNormalised
                + ".");
        }
    }
}
