package io.github.scllm.core.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader whose gene symbols repeat (two columns named CD3E: several Ensembl IDs of one symbol, or a concatenation
 * of panels) seen as one gene per symbol, its value the sum of its columns in each cell. Without it a cell's top
 * genes could list a symbol twice and a description would be joined to only one of its columns; scanpy's
 * {@code var_names_make_unique} would instead rename them CD3E and CD3E-1, hiding the second from every gene lookup.
 * The genes keep the order and the annotation of each symbol's first column.
 */
final class SummedDuplicateGenes implements CellMatrixReader {
    private final CellMatrixReader inner;
    private final MatrixSummary summary;
    private final int[] target;
    private final List<String> repeated;

    private SummedDuplicateGenes(CellMatrixReader inner, MatrixSummary summary, int[] target, List<String> repeated) {
        this.inner = inner;
        this.summary = summary;
        this.target = target;
        this.repeated = repeated;
    }

    /** @return the reader itself when every symbol is distinct, else a reader summing each symbol's columns */
    static CellMatrixReader wrap(CellMatrixReader reader) {
        MatrixSummary s = reader.summary();
        String[] symbols = s.geneSymbols();
        Map<String, Integer> index = new HashMap<>(symbols.length * 2);
        int[] target = new int[symbols.length];
        List<Integer> firstColumns = new ArrayList<>(symbols.length);
        Set<String> repeated = new LinkedHashSet<>();
        for (int g = 0; g < symbols.length; g++) {
            Integer t = index.putIfAbsent(symbols[g], firstColumns.size());
            if (t == null) {
                target[g] = firstColumns.size();
                firstColumns.add(g);
            } else {
                target[g] = t;
                repeated.add(symbols[g]);
            }
        }
        if (repeated.isEmpty()) {
            return reader;
        }
        int[] keep = firstColumns.stream().mapToInt(Integer::intValue).toArray();
        String[] unique = new String[keep.length];
        for (int i = 0; i < keep.length; i++) {
            unique[i] = symbols[keep[i]];
        }
        MatrixSummary merged = new MatrixSummary(s.source(), s.format(), s.matrix(), s.cellCount(), keep.length,
            s.storedValues(), unique, s.obs(), s.var().select(keep));
        return new SummedDuplicateGenes(reader, merged, target, List.copyOf(repeated));
    }

    @Override
    public MatrixSummary summary() {
        return summary;
    }

    @Override
    public CellChunk read(long firstCell, int count) {
        CellChunk raw = inner.read(firstCell, count);
        int[] offsets = new int[raw.count() + 1];
        int[] genes = new int[raw.genes().length];
        float[] values = new float[raw.values().length];
        int w = 0;
        long[] packed = new long[0];
        for (int i = 0; i < raw.count(); i++) {
            int from = raw.offsets()[i];
            int n = raw.offsets()[i + 1] - from;
            if (packed.length < n) {
                packed = new long[Math.max(n, packed.length * 2)];
            }
            // sort the cell's entries by merged gene (the value rides along in the low bits), then sum equal genes
            for (int k = 0; k < n; k++) {
                packed[k] = ((long) target[raw.genes()[from + k]] << 32)
                    | (Float.floatToRawIntBits(raw.values()[from + k]) & 0xffffffffL);
            }
            Arrays.sort(packed, 0, n);
            int k = 0;
            while (k < n) {
                int gene = (int) (packed[k] >>> 32);
                float sum = 0;
                for (; k < n && (int) (packed[k] >>> 32) == gene; k++) {
                    sum += Float.intBitsToFloat((int) packed[k]);
                }
                if (sum != 0) {
                    genes[w] = gene;
                    values[w] = sum;
                    w++;
                }
            }
            offsets[i + 1] = w;
        }
        return new CellChunk(raw.firstCell(), offsets, Arrays.copyOf(genes, w), Arrays.copyOf(values, w));
    }

    @Override
    public ReadReport report() {
        return inner.report().withSummedGenes(repeated);
    }

    @Override
    public void close() {
        inner.close();
    }
}
