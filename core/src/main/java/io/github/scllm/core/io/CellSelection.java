package io.github.scllm.core.io;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.github.scllm.core.InvalidInputException;

/**
 * Which cells of a matrix to read: all, the first N, or a seeded random subsample of N (kept in file order).
 *
 * @param mode how to choose
 * @param count N for {@link Mode#FIRST} and {@link Mode#RANDOM}, at least 1
 * @param seed the random seed for {@link Mode#RANDOM}
 */
public record CellSelection(Mode mode, int count, long seed) {
    public enum Mode { ALL, FIRST, RANDOM }

    public static final CellSelection ALL = new CellSelection(Mode.ALL, 1, 0);

    public CellSelection {
        if (mode == null) {
            throw new InvalidInputException("A cell selection mode is needed: all, first or random.");
        }
        if (mode != Mode.ALL && count < 1) {
            throw new InvalidInputException("The number of cells to read must be at least 1, not " + count + ".");
        }
    }

    /**
     * @param cellCount number of cells in the matrix
     * @return the ascending indices of the chosen cells
     */
    public int[] select(int cellCount) {
        if (mode == Mode.ALL || count >= cellCount) {
            return identity(cellCount);
        }
        if (mode == Mode.FIRST) {
            return identity(count);
        }
        // Floyd's algorithm: count distinct draws without a permutation of all cells
        SplittableRandom random = new SplittableRandom(seed);
        java.util.BitSet chosen = new java.util.BitSet(cellCount);
        for (int j = cellCount - count; j < cellCount; j++) {
            int t = random.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        return chosen.stream().toArray();
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        Arrays.setAll(out, i -> i);
        return out;
    }
}
