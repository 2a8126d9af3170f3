package io.github.scllm.core;

/**
 * Float loops that HotSpot's C2 compiler turns into SIMD multiply-and-add instructions, shared by the engine's dense
 * numeric kernels (neighbour search, the contrastive projection head).
 *
 * <p>Each adds scaled rows ("panel" rows: separate arrays of equal length) to an accumulator, four rows per pass.
 * They are kept this small on purpose: every index is the plain loop variable over separate arrays and the body is
 * short enough for the JIT to unroll, which is what lets it vectorise the loop; more terms or offset indices make it
 * fall back to scalar code. Sums are formed left to right with float rounding after every step, so a result is bit
 * for bit the one of a plain sequential float loop in the same order, on every CPU (a JVM that does not vectorise
 * gives the same results, slower).
 */
public final class FloatKernels {
    private FloatKernels() {
    }

    /** acc[i] = acc[i] + x0 p0[i] + x1 p1[i] + x2 p2[i] + x3 p3[i] for i &lt; width, summed left to right. */
    public static void addFour(float[] acc, float[] p0, float[] p1, float[] p2, float[] p3, int width,
            float x0, float x1, float x2, float x3) {
        for (int i = 0; i < width; i++) {
            acc[i] = acc[i] + x0 * p0[i] + x1 * p1[i] + x2 * p2[i] + x3 * p3[i];
        }
    }

    /** acc[i] = acc[i] + x p[i] for i &lt; width. */
    public static void addOne(float[] acc, float[] p, int width, float x) {
        for (int i = 0; i < width; i++) {
            acc[i] = acc[i] + x * p[i];
        }
    }

    /**
     * Adds x[xOff + c] times panel row c to acc, for c from c0 (inclusive) to c1 (exclusive) in ascending order.
     *
     * @param width number of leading entries of acc (and of each panel row) to update
     */
    public static void addRows(float[] acc, float[][] panel, int width, float[] x, int xOff, int c0, int c1) {
        int c = c0;
        for (; c + 3 < c1; c += 4) {
            addFour(acc, panel[c], panel[c + 1], panel[c + 2], panel[c + 3], width,
                    x[xOff + c], x[xOff + c + 1], x[xOff + c + 2], x[xOff + c + 3]);
        }
        for (; c < c1; c++) {
            addOne(acc, panel[c], width, x[xOff + c]);
        }
    }
}
