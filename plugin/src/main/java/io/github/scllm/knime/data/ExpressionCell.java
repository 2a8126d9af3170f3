package io.github.scllm.knime.data;

import java.util.Arrays;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/**
 * A cell's sparse expression vector. About 8 bytes per expressed gene in memory and 4–6 on disk (see
 * {@link ExpressionCellSerializer}), instead of one cell object per gene as a KNIME list would need.
 */
public final class ExpressionCell extends DataCell implements ExpressionValue {
    private static final long serialVersionUID = 1L;

    /** The column type of expression columns. */
    public static final DataType TYPE = DataType.getType(ExpressionCell.class);

    private final int geneCount;
    private final int[] genes;
    private final float[] values;

    /**
     * @param geneCount the vocabulary size
     * @param genes ascending gene indices in {@code [0, geneCount)}; the array is owned by the cell afterwards
     * @param values the non-zero values at those genes, same length; owned by the cell afterwards
     * @throws IllegalArgumentException if the arrays differ in length, or an index is out of range or not ascending
     */
    public ExpressionCell(int geneCount, int[] genes, float[] values) {
        if (genes.length != values.length) {
            throw new IllegalArgumentException(
                "Gene indices and values differ in length: " + genes.length + " != " + values.length);
        }
        int previous = -1;
        for (int g : genes) {
            if (g <= previous || g >= geneCount) {
                throw new IllegalArgumentException("Gene index " + g + " is out of order or outside 0.." + (geneCount - 1));
            }
            previous = g;
        }
        this.geneCount = geneCount;
        this.genes = genes;
        this.values = values;
    }

    @Override
    public int geneCount() {
        return geneCount;
    }

    @Override
    public int storedCount() {
        return genes.length;
    }

    @Override
    public int storedGene(int k) {
        return genes[k];
    }

    @Override
    public float storedValue(int k) {
        return values[k];
    }

    @Override
    public float valueOf(int gene) {
        int k = Arrays.binarySearch(genes, gene);
        return k < 0 ? 0f : values[k];
    }

    @Override
    public double total() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }

    int[] genes() {
        return genes;
    }

    float[] values() {
        return values;
    }

    @Override
    protected boolean equalsDataCell(DataCell dc) {
        ExpressionCell other = (ExpressionCell) dc;
        return geneCount == other.geneCount && Arrays.equals(genes, other.genes) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * geneCount + Arrays.hashCode(genes)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return genes.length + " of " + geneCount + " genes expressed, total " + (float) total();
    }
}
