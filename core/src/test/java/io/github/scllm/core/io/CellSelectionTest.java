package io.github.scllm.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.scllm.core.InvalidInputException;

class CellSelectionTest {

    @Test
    void allSelectsEveryCellInOrder() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, CellSelection.ALL.select(4));
    }

    @Test
    void firstSelectsAPrefixAndClipsAtTheEnd() {
        assertArrayEquals(new int[] {0, 1}, new CellSelection(CellSelection.Mode.FIRST, 2, 0).select(5));
        assertArrayEquals(new int[] {0, 1, 2}, new CellSelection(CellSelection.Mode.FIRST, 9, 0).select(3));
    }

    @Test
    void randomIsDistinctAscendingAndSeeded() {
        int[] a = new CellSelection(CellSelection.Mode.RANDOM, 100, 42).select(1000);
        assertEquals(100, a.length);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1], "not strictly ascending at " + i);
        }
        assertTrue(a[a.length - 1] < 1000);
        assertArrayEquals(a, new CellSelection(CellSelection.Mode.RANDOM, 100, 42).select(1000));
        assertNotEquals(java.util.Arrays.toString(a),
            java.util.Arrays.toString(new CellSelection(CellSelection.Mode.RANDOM, 100, 43).select(1000)));
    }

    @Test
    void randomCoversTheWholeRangeUniformly() {
        // each of 10 cells should be drawn about half the time when sampling 5 of 10
        int[] hits = new int[10];
        for (long seed = 0; seed < 2000; seed++) {
            for (int i : new CellSelection(CellSelection.Mode.RANDOM, 5, seed).select(10)) {
                hits[i]++;
            }
        }
        for (int h : hits) {
            assertTrue(h > 850 && h < 1150, java.util.Arrays.toString(hits));
        }
    }

    @Test
    void rejectsACountBelowOne() {
        assertThrows(InvalidInputException.class, () -> new CellSelection(CellSelection.Mode.FIRST, 0, 0));
    }
}
