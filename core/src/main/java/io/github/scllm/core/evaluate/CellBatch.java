package io.github.scllm.core.evaluate;

import io.github.scllm.core.refine.ExpressionRows;
import java.util.Arrays;

/**
 * A run of cells in the gene space of a {@link FittedMethod}: per cell its genes (ascending indices into the model's
 * gene list) and their log-normalised values, its ID and its label where known. Batches are what a fitted method
 * labels at a time, so memory follows the batch size, not the number of cells labelled.
 */
public final class CellBatch {
    private final String[] cellIds;
    private final String[] labels;
    private final int[][] genes;
    private final float[][] values;

    CellBatch(String[] cellIds, String[] labels, int[][] genes, float[][] values) {
        this.cellIds = cellIds;
        this.labels = labels;
        this.genes = genes;
        this.values = values;
    }

    /** @return number of cells */
    public int size() {
        return cellIds.length;
    }

    /** @return cell {@code i}'s ID */
    public String cellId(int i) {
        return cellIds[i];
    }

    /** @return cell {@code i}'s label, or {@code null} when it has none */
    public String label(int i) {
        return labels[i];
    }

    int[] genes(int i) {
        return genes[i];
    }

    float[] values(int i) {
        return values[i];
    }

    /**
     * The expression genes of the cells as dense rows, one row at a time.
     *
     * @param expressionIndex per gene, its index among the expression genes or -1
     * @param expressionGenes number of expression genes
     * @return a view over this batch
     */
    ExpressionRows expressionRows(int[] expressionIndex, int expressionGenes) {
        return new ExpressionRows() {
            @Override
            public int rowCount() {
                return cellIds.length;
            }

            @Override
            public int geneCount() {
                return expressionGenes;
            }

            @Override
            public void copyRow(int row, float[] target) {
                Arrays.fill(target, 0, expressionGenes, 0f);
                int[] g = genes[row];
                float[] v = values[row];
                for (int k = 0; k < g.length; k++) {
                    int e = expressionIndex[g[k]];
                    if (e >= 0) {
                        target[e] = v[k];
                    }
                }
            }
        };
    }
}
