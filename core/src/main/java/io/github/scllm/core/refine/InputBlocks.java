package io.github.scllm.core.refine;

import io.github.scllm.core.InvalidInputException;
import java.util.List;

/** Per-block L2 normalisation and concatenation of the head's input vectors. */
final class InputBlocks {
    private InputBlocks() {
    }

    /**
     * Checks the blocks, L2-normalises each block of each row (a zero block stays zero) and concatenates them into
     * one new array per row.
     *
     * @param expected block dimensions to enforce, or null to take them from the first row
     * @throws InvalidInputException naming the block and the 1-based row
     */
    static float[][] concatenate(List<float[][]> blocks, int[] expected) {
        if (blocks == null || blocks.isEmpty()) {
            throw new InvalidInputException("Contrastive refinement: no input vectors given; choose at least one "
                    + "vector column.");
        }
        if (expected != null && blocks.size() != expected.length) {
            throw new InvalidInputException("Contrastive refinement: the model expects " + expected.length
                    + " vector column(s) but " + blocks.size() + " were given; choose the same columns as for "
                    + "training.");
        }
        int n = -1;
        int[] dims = new int[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            float[][] block = blocks.get(b);
            if (block == null) {
                throw new InvalidInputException("Contrastive refinement: vector column " + (b + 1) + " is missing.");
            }
            if (n < 0) {
                n = block.length;
            } else if (block.length != n) {
                throw new InvalidInputException("Contrastive refinement: vector column " + (b + 1) + " has "
                        + block.length + " rows but column 1 has " + n + ".");
            }
            dims[b] = expected != null ? expected[b] : block.length > 0 && block[0] != null ? block[0].length : -1;
        }
        int total = 0;
        for (int d : dims) {
            total += Math.max(d, 0);
        }
        if (total == 0) {
            throw new InvalidInputException("Contrastive refinement: the input vectors have no dimensions.");
        }
        float[][] out = new float[n][total];
        for (int i = 0; i < n; i++) {
            int off = 0;
            for (int b = 0; b < blocks.size(); b++) {
                float[] v = blocks.get(b)[i];
                if (v == null) {
                    throw new InvalidInputException("Contrastive refinement: the vector of column " + (b + 1)
                            + " in row " + (i + 1) + " is missing; filter rows with missing vectors first.");
                }
                if (v.length != dims[b]) {
                    throw new InvalidInputException("Contrastive refinement: the vector of column " + (b + 1)
                            + " in row " + (i + 1) + " has " + v.length + " dimensions but " + dims[b]
                            + " were expected; all vectors of a column must come from one embedding.");
                }
                double s = 0;
                for (int j = 0; j < v.length; j++) {
                    if (!Float.isFinite(v[j])) {
                        throw new InvalidInputException("Contrastive refinement: the vector of column " + (b + 1)
                                + " in row " + (i + 1) + " holds " + v[j] + " at component " + (j + 1)
                                + "; vectors must be finite.");
                    }
                    s += (double) v[j] * v[j];
                }
                double inv = s > 0 ? 1.0 / Math.sqrt(s) : 0.0;
                for (int j = 0; j < v.length; j++) {
                    out[i][off + j] = (float) (v[j] * inv);
                }
                off += v.length;
            }
        }
        return out;
    }

    /** @return block dimensions of the first row */
    static int[] dimensions(List<float[][]> blocks) {
        int[] dims = new int[blocks.size()];
        for (int b = 0; b < dims.length; b++) {
            float[][] block = blocks.get(b);
            if (block == null || block.length == 0 || block[0] == null) {
                throw new InvalidInputException("Contrastive refinement: vector column " + (b + 1) + " has no "
                        + "vector in row 1.");
            }
            dims[b] = block[0].length;
        }
        return dims;
    }

    /** Rows from..to, as double arrays. */
    static double[][] toDouble(float[][] rows, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            float[] r = rows[i];
            double[] o = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                o[j] = r[j];
            }
            out[i - from] = o;
        }
        return out;
    }
}
