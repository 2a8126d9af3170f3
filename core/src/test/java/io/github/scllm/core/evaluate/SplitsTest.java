package io.github.scllm.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.InvalidInputException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** 10 A, 5 B, 2 C, 1 D, 2 unlabelled. */
    static final String[] LABELS = labels();

    static String[] labels() {
        String[] l = new String[20];
        Arrays.fill(l, 0, 10, "A");
        Arrays.fill(l, 10, 15, "B");
        Arrays.fill(l, 15, 17, "C");
        l[17] = "D";
        return l;
    }

    @Test
    void planSetsAsideSingletonClassesAndUnlabelledCells() {
        Splits.Plan p = Splits.plan(LABELS);
        assertEquals(Map.of("D", 1), p.setAside());
        assertEquals(2, p.unlabelled());
        assertArrayEquals(IntStream.range(0, 17).toArray(), p.eligible());
    }

    @Test
    void stratifiedSplitScoresEveryClassAndTrainsOnEveryClass() {
        int[] eligible = Splits.plan(LABELS).eligible();
        Splits.Split s = Splits.stratified(LABELS, eligible, 0.2, 1);
        assertEquals(17, s.train().length + s.test().length);
        assertEquals(4, s.test().length, "ceil(0.2 * 17)");
        Map<String, Integer> testCount = count(s.test());
        Map<String, Integer> trainCount = count(s.train());
        for (String c : new String[] {"A", "B", "C"}) {
            assertTrue(testCount.getOrDefault(c, 0) >= 1, c + " scored");
            assertTrue(trainCount.getOrDefault(c, 0) >= 1, c + " trained");
        }
        assertEquals(2, testCount.get("A"));
        assertTrue(IntStream.of(s.train()).noneMatch(i -> IntStream.of(s.test()).anyMatch(j -> j == i)));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        int[] eligible = Splits.plan(LABELS).eligible();
        assertArrayEquals(Splits.stratified(LABELS, eligible, 0.3, 9).test(),
                Splits.stratified(LABELS, eligible, 0.3, 9).test());
        boolean differs = false;
        for (long seed = 1; seed < 6; seed++) {
            differs |= !Arrays.equals(Splits.stratified(LABELS, eligible, 0.3, 9).test(),
                    Splits.stratified(LABELS, eligible, 0.3, seed).test());
        }
        assertTrue(differs);
    }

    @Test
    void perClassKeepsAtLeastOneTestCellPerClass() {
        int[] eligible = Splits.plan(LABELS).eligible();
        Splits.Split s = Splits.perClass(LABELS, eligible, 3, 2);
        Map<String, Integer> train = count(s.train());
        assertEquals(Map.of("A", 3, "B", 3, "C", 1), train);
        assertEquals(17 - 7, s.test().length);
    }

    @Test
    void badParametersAreRejected() {
        int[] eligible = Splits.plan(LABELS).eligible();
        assertThrows(InvalidInputException.class, () -> Splits.stratified(LABELS, eligible, 1.0, 1));
        assertThrows(InvalidInputException.class, () -> Splits.perClass(LABELS, eligible, 0, 1));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Splits.plan(new String[] {"A", "A", "B", null}));
        assertTrue(e.getMessage().contains("two"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static Map<String, Integer> count(int[] cells) {
        Map<String, Integer> m = new HashMap<>();
        for (int i : cells) {
            m.merge(LABELS[i], 1, Integer::sum);
        }
        return m;
    }
}
