package io.github.scllm.core.refine;

import io.github.scllm.core.InvalidInputException;

/**
 * Read access to log-normalised expression rows (log1p of counts per 10,000), one row per cell, one column per gene.
 * Rows are copied out one at a time, so a sparse source never has to be densified as a whole.
 */
public interface ExpressionRows {

    /** @return number of cells */
    int rowCount();

    /** @return number of genes (columns) */
    int geneCount();

    /**
     * Writes row {@code row} densely into {@code target}.
     *
     * @param row 0-based row, below {@link #rowCount()}
     * @param target array of at least {@link #geneCount()} values; every gene is overwritten
     */
    void copyRow(int row, float[] target);

    /**
     * Wraps dense rows (not copied).
     *
     * @param rows one array per cell, all of one length
     * @return the rows
     * @throws InvalidInputException if a row is missing or of another length, or there are no rows
     */
    static ExpressionRows dense(float[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new InvalidInputException("Expression rows: no cells given.");
        }
        int genes = -1;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new InvalidInputException("Expression rows: row " + (i + 1) + " is missing.");
            }
            if (genes < 0) {
                genes = rows[i].length;
            } else if (rows[i].length != genes) {
                throw new InvalidInputException("Expression rows: row " + (i + 1) + " has " + rows[i].length
                        + " genes but row 1 has " + genes + "; all cells must share one gene list.");
            }
        }
        int g = genes;
        return new ExpressionRows() {
            @Override
            public int rowCount() {
                return rows.length;
            }

            @Override
            public int geneCount() {
                return g;
            }

            @Override
            public void copyRow(int row, float[] target) {
                System.arraycopy(rows[row], 0, target, 0, g);
            }
        };
    }

    /**
     * Wraps sparse rows (compressed sparse row layout per cell, not copied).
     *
     * @param indices per cell, the 0-based gene indices of its non-zero values
     * @param values per cell, the values, same length as its indices
     * @param genes number of genes
     * @return the rows
     * @throws InvalidInputException if the arrays disagree or an index is outside [0, genes)
     */
    static ExpressionRows sparse(int[][] indices, float[][] values, int genes) {
        if (indices == null || values == null || indices.length != values.length || indices.length == 0) {
            throw new InvalidInputException("Sparse expression rows: give one index and one value array per cell.");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] == null || values[i] == null || indices[i].length != values[i].length) {
                throw new InvalidInputException("Sparse expression rows: row " + (i + 1) + " has "
                        + "missing or unequal index and value arrays.");
            }
            for (int j : indices[i]) {
                if (j < 0 || j >= genes) {
                    throw new InvalidInputException("Sparse expression rows: row " + (i + 1) + " refers to gene "
                            + "index " + j + " outside [0, " + genes + ").");
                }
            }
        }
        return new ExpressionRows() {
            @Override
            public int rowCount() {
                return indices.length;
            }

            @Override
            public int geneCount() {
                return genes;
            }

            @Override
            public void copyRow(int row, float[] target) {
                java.util.Arrays.fill(target, 0, genes, 0f);
                int[] idx = indices[row];
                float[] val = values[row];
                for (int j = 0; j < idx.length; j++) {
                    target[idx[j]] = val[j];
                }
            }
        };
    }
}
