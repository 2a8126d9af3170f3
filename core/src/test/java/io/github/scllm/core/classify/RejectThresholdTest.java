package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.classify.RejectThreshold.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RejectThresholdTest {
    /*
     * Accepted cells per candidate threshold, worked by hand:
     * t=0.9: 2/2 right; 0.8: 3/4; 0.7: 4/5; 0.6: 4/6; 0.5: 4/7; 0.4: 5/8; 0.3: 5/9; 0.2 and 0: 5/10.
     */
    static final double[] CONF = {0.9, 0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2};
    static final boolean[] RIGHT = {true, true, true, false, true, false, false, true, false, false};

    @Test
    void accuracyTargetPicksTheSmallestThresholdThatReachesIt() {
        RejectThreshold r = RejectThreshold.choose(CONF, RIGHT, Target.accuracy(0.8));
        assertEquals(0.7, r.threshold(), 0.0);
        assertTrue(r.targetReached());
        assertEquals(5, r.accepted());
        assertEquals(10, r.cells());
        assertEquals(0.8, r.accuracy(), 1e-12);
        assertEquals(0.5, r.coverage(), 1e-12);
        assertEquals(0.7, RejectThreshold.choose(CONF, RIGHT, Target.accuracy(0.75)).threshold(), 0.0,
                "0.8 reaches 0.75 too, but 0.7 is smaller");
        assertEquals(0.9, RejectThreshold.choose(CONF, RIGHT, Target.accuracy(1.0)).threshold(), 0.0);
        RejectThreshold all = RejectThreshold.choose(CONF, RIGHT, Target.accuracy(0.5));
        assertEquals(0.0, all.threshold(), 0.0, "the overall accuracy already reaches 0.5: reject nothing");
        assertEquals(1.0, all.coverage(), 0.0);
    }

    @Test
    void unreachableAccuracyReturnsTheMostAccurateThresholdAndSaysSo() {
        RejectThreshold r = RejectThreshold.choose(new double[] {0.9, 0.9, 0.5}, new boolean[] {true, false, false},
                Target.accuracy(0.8));
        assertFalse(r.targetReached());
        assertEquals(0.9, r.threshold(), 0.0);
        assertEquals(0.5, r.accuracy(), 1e-12);
        RejectThreshold none = RejectThreshold.choose(new double[] {0.9, 0.4}, new boolean[] {false, false},
                Target.accuracy(0.5));
        assertFalse(none.targetReached());
        assertEquals(0.0, none.threshold(), 0.0, "all equally bad: the smallest threshold");
    }

    @Test
    void coverageTargetKeepsAtLeastThatShareOfCells() {
        assertEquals(0.7, RejectThreshold.choose(CONF, RIGHT, Target.coverage(0.5)).threshold(), 0.0);
        assertEquals(0.7, RejectThreshold.choose(CONF, RIGHT, Target.coverage(0.45)).threshold(), 0.0);
        RejectThreshold r = RejectThreshold.choose(CONF, RIGHT, Target.coverage(0.35));
        assertEquals(0.8, r.threshold(), 0.0);
        assertEquals(0.4, r.coverage(), 1e-12);
        assertEquals(0.75, r.accuracy(), 1e-12);
        RejectThreshold tie = RejectThreshold.choose(CONF, RIGHT, Target.coverage(0.1));
        assertEquals(0.9, tie.threshold(), 0.0);
        assertEquals(2, tie.accepted(), "tied confidences are accepted together");
        assertEquals(1.0, RejectThreshold.choose(CONF, RIGHT, Target.coverage(1.0)).coverage(), 0.0);
    }

    @Test
    void theChoiceDoesNotDependOnTheOrderOfTheCells() {
        Random rnd = new Random(3);
        int n = 500;
        double[] conf = new double[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            conf[i] = (1 + rnd.nextInt(10)) / 10.0;
            right[i] = rnd.nextDouble() < conf[i];
        }
        RejectThreshold first = RejectThreshold.choose(conf, right, Target.accuracy(0.85));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(11));
        double[] c2 = new double[n];
        boolean[] r2 = new boolean[n];
        for (int i = 0; i < n; i++) {
            c2[i] = conf[order.get(i)];
            r2[i] = right[order.get(i)];
        }
        assertEquals(first, RejectThreshold.choose(c2, r2, Target.accuracy(0.85)));
        assertTrue(first.targetReached() && first.threshold() > 0.5 && first.accuracy() >= 0.85, first.toString());
    }

    @Test
    void applyingTheThresholdRejectsCellsBelowIt() {
        RejectThreshold r = RejectThreshold.choose(CONF, RIGHT, Target.accuracy(0.8));
        assertArrayEquals(new String[] {"B", "Unknown", "NK"}, r.apply(new String[] {"B", "T", "NK"},
                new double[] {0.7, 0.69, 1.0}));
        assertThrows(InvalidInputException.class, () -> r.apply(new String[] {"B"}, new double[] {0.1, 0.2}));
    }

    @Test
    void invalidTargetsAndCellsAreRejected() {
        assertThrows(InvalidInputException.class, () -> Target.accuracy(0));
        assertThrows(InvalidInputException.class, () -> Target.coverage(1.5));
        assertThrows(InvalidInputException.class, () -> Target.accuracy(Double.NaN));
        assertThrows(InvalidInputException.class, () -> RejectThreshold.choose(CONF, RIGHT, null));
        assertTrue(assertThrows(InvalidInputException.class, () -> RejectThreshold.choose(new double[0],
                new boolean[0], Target.accuracy(0.9))).getMessage().contains("no cell"));
    }
}
