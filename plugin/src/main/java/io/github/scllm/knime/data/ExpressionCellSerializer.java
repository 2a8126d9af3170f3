package io.github.scllm.knime.data;

import java.io.IOException;

import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;

/**
 * Writes an {@link ExpressionCell} compactly: vocabulary size and count, then the gene indices as variable-length
 * gaps (one byte for most genes of a sorted sparse vector) and the values as 32-bit floats.
 */
public final class ExpressionCellSerializer implements DataCellSerializer<ExpressionCell> {

    @Override
    public void serialize(ExpressionCell cell, DataCellDataOutput out) throws IOException {
        int[] genes = cell.genes();
        float[] values = cell.values();
        writeVarInt(out, cell.geneCount());
        writeVarInt(out, genes.length);
        int previous = -1;
        for (int g : genes) {
            writeVarInt(out, g - previous - 1);
            previous = g;
        }
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    @Override
    public ExpressionCell deserialize(DataCellDataInput in) throws IOException {
        int geneCount = readVarInt(in);
        int n = readVarInt(in);
        if (n < 0 || n > geneCount) {
            throw new IOException("Corrupt expression cell: " + n + " stored genes of " + geneCount);
        }
        int[] genes = new int[n];
        int previous = -1;
        for (int i = 0; i < n; i++) {
            previous += readVarInt(in) + 1;
            genes[i] = previous;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        try {
            return new ExpressionCell(geneCount, genes, values);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt expression cell: " + e.getMessage(), e);
        }
    }

    private static void writeVarInt(DataCellDataOutput out, int value) throws IOException {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarInt(DataCellDataInput in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("Corrupt expression cell: variable-length integer too long");
    }
}
