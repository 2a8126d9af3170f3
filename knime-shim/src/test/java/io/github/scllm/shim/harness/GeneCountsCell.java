package io.github.scllm.shim.harness;

import java.io.IOException;
import java.util.Arrays;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;

/** A sparse expression vector cell (gene indices and counts), standing in for the product's custom cell. */
final class GeneCountsCell extends DataCell {

    private static final long serialVersionUID = 1L;

    static final DataType TYPE = DataType.getType(GeneCountsCell.class);

    private final int[] m_genes;

    private final float[] m_counts;

    GeneCountsCell(final int[] genes, final float[] counts) {
        m_genes = genes.clone();
        m_counts = counts.clone();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        GeneCountsCell o = (GeneCountsCell)dc;
        return Arrays.equals(m_genes, o.m_genes) && Arrays.equals(m_counts, o.m_counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_genes) * 31 + Arrays.hashCode(m_counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(m_genes) + "=" + Arrays.toString(m_counts);
    }

    static final class Serializer implements DataCellSerializer<GeneCountsCell> {
        @Override
        public void serialize(final GeneCountsCell cell, final DataCellDataOutput out) throws IOException {
            out.writeInt(cell.m_genes.length);
            for (int i = 0; i < cell.m_genes.length; i++) {
                out.writeInt(cell.m_genes[i]);
                out.writeFloat(cell.m_counts[i]);
            }
        }

        @Override
        public GeneCountsCell deserialize(final DataCellDataInput in) throws IOException {
            int n = in.readInt();
            int[] g = new int[n];
            float[] c = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = in.readInt();
                c[i] = in.readFloat();
            }
            return new GeneCountsCell(g, c);
        }
    }
}
