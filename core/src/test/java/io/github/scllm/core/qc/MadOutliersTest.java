package io.github.scllm.core.qc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.scllm.core.InvalidInputException;

import org.junit.jupiter.api.Test;

class MadOutliersTest {

    @Test
    void thresholdsFollowRsMedianAndMad() {
        // R: median(c(1,2,3,4,100)) = 3; mad(...) = 1.4826 * median(|x - 3|) = 1.4826 * 1
        MadOutliers.Result r = MadOutliers.flag(new double[] {1, 2, 3, 4, 100}, null, 3, false,
            MadOutliers.Side.BOTH);
        MadOutliers.Thresholds t = r.thresholds().get("");
        assertEquals(3.0, t.median());
        assertEquals(1.4826, t.mad(), 1e-12);
        assertEquals(3 - 3 * 1.4826, t.lower(), 1e-12);
        assertArrayEquals(new boolean[] {false, false, false, false, true}, r.outlier());
    }

    @Test
    void logScaleAndOneSidedFlagsOnlyTheLowTailPerBatch() {
        double[] counts = {1000, 1100, 900, 10, 5000, 5200, 4800, 100};
        String[] batch = {"a", "a", "a", "a", "b", "b", "b", "b"};
        MadOutliers.Result r = MadOutliers.flag(counts, batch, 3, true, MadOutliers.Side.LOWER);
        assertArrayEquals(new boolean[] {false, false, false, true, false, false, false, true}, r.outlier());
        assertEquals(Double.POSITIVE_INFINITY, r.thresholds().get("a").upper());
        assertEquals(2, r.thresholds().size());
    }

    @Test
    void aNonPositiveMadCountIsRejected() {
        assertThrows(InvalidInputException.class, () -> MadOutliers.flag(new double[] {1}, null, 0, false,
            MadOutliers.Side.BOTH));
    }
}
