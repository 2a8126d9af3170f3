package io.github.scllm.core.evaluate;

import java.util.Arrays;

/**
 * Moves one cell's sparse row into another gene space: genes are mapped to their new indices (or dropped), values of
 * genes that land on one index (a symbol repeated in a file) are summed in stored order, and the result ascends by
 * index. Reuses its buffers between cells; not thread-safe.
 */
final class GeneMerger {
    private final float[] sum;
    private final boolean[] seen;
    private final int[] touched;
    private int count;

    /** @param genes size of the target gene space */
    GeneMerger(int genes) {
        sum = new float[genes];
        seen = new boolean[genes];
        touched = new int[genes];
    }

    /**
     * Merges one cell; read the result with {@link #genes()} and {@link #values()}.
     *
     * @param genes the cell's gene indices in its own space
     * @param values their values, same length
     * @param map target index of each own gene, or -1 to drop it
     */
    void merge(int[] genes, float[] values, int[] map) {
        merge(genes, values, 0, genes.length, map);
    }

    /** Merges positions {@code from..to} of packed arrays (see {@link #merge(int[], float[], int[])}). */
    void merge(int[] genes, float[] values, int from, int to, int[] map) {
        for (int i = 0; i < count; i++) {
            seen[touched[i]] = false;
        }
        count = 0;
        for (int k = from; k < to; k++) {
            int t = map[genes[k]];
            if (t < 0) {
                continue;
            }
            if (seen[t]) {
                sum[t] += values[k];
            } else {
                seen[t] = true;
                sum[t] = values[k];
                touched[count++] = t;
            }
        }
        Arrays.sort(touched, 0, count);
    }

    /** @return the merged cell's gene indices, ascending (a new array) */
    int[] genes() {
        return Arrays.copyOf(touched, count);
    }

    /** @return the merged values in the order of {@link #genes()} (a new array) */
    float[] values() {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = sum[touched[i]];
        }
        return out;
    }
}
