package io.github.scllm.core.classify;

import io.github.scllm.core.InvalidInputException;

/** Checks and packing of vector rows shared by the search and the classifiers. */
final class Vectors {
    private Vectors() {
    }

    /**
     * Checks that every row is present, finite and of one dimension, and packs them row-major.
     *
     * @param what name of the table for messages ("reference", "query")
     * @throws InvalidInputException naming the 1-based row and, for bad values, the 1-based component
     */
    static float[] pack(float[][] rows, String what, int expectedDim) {
        int dim = check(rows, what, expectedDim);
        float[] packed = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, packed, i * dim, dim);
        }
        return packed;
    }

    /**
     * Checks that every row is present, finite and of one dimension, without copying.
     *
     * @param what name of the table for messages ("reference", "query")
     * @param expectedDim required dimension, or -1 to take it from the first row
     * @return the dimension of the rows (that of an empty table is {@code expectedDim})
     * @throws InvalidInputException naming the 1-based row and, for bad values, the 1-based component
     */
    static int check(float[][] rows, String what, int expectedDim) {
        if (rows == null) {
            throw new InvalidInputException("The " + what + " vectors are missing: pass one vector per row.");
        }
        int dim = expectedDim;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new InvalidInputException("The " + what + " vector of row " + (i + 1) + " is missing: filter "
                        + "rows with missing vectors before this step.");
            }
            if (dim < 0) {
                dim = rows[i].length;
            }
            if (rows[i].length != dim) {
                throw new InvalidInputException("The " + what + " vector of row " + (i + 1) + " has "
                        + rows[i].length + " dimensions but " + dim + " were expected: all vectors must come from the "
                        + "same embedding (same columns, same model).");
            }
        }
        if (dim <= 0) {
            throw new InvalidInputException("The " + what + " vectors have no dimensions.");
        }
        for (int i = 0; i < rows.length; i++) {
            float[] r = rows[i];
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(r[j])) {
                    throw new InvalidInputException("The " + what + " vector of row " + (i + 1) + " has the value "
                            + r[j] + " at component " + (j + 1) + ": vectors must be finite.");
                }
            }
        }
        return dim;
    }

    /** L2-normalises each row of a packed matrix in place; zero rows stay zero. */
    static void normalizeRows(float[] packed, int dim) {
        int n = packed.length / dim;
        for (int i = 0; i < n; i++) {
            int off = i * dim;
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (double) packed[off + j] * packed[off + j];
            }
            if (s > 0) {
                float inv = (float) (1.0 / Math.sqrt(s));
                for (int j = 0; j < dim; j++) {
                    packed[off + j] *= inv;
                }
            }
        }
    }
}
