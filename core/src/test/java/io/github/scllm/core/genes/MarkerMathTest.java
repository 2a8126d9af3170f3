package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference values are SciPy 1.10 ({@code special.erfc}, {@code stats.norm.sf}, {@code stats.t.sf}, math.lgamma). */
class MarkerMathTest {

    private static void relative(double expected, double actual, double rel) {
        assertEquals(expected, actual, Math.abs(expected) * rel, () -> "expected " + expected + " got " + actual);
    }

    @Test
    void erfcIsAccurateNearZeroAcrossTheSeriesBoundaryAndInTheFarTail() {
        assertEquals(1.0, MarkerMath.erfc(0), 0);
        relative(0.6713732405408726, MarkerMath.erfc(0.3), 1e-13);
        relative(0.15729920705028516, MarkerMath.erfc(1.0), 1e-13);
        relative(2.2090496998585445e-05, MarkerMath.erfc(3.0), 1e-12);
        relative(2.0884875837625446e-45, MarkerMath.erfc(10.0), 1e-12);
        assertEquals(0.0, MarkerMath.erfc(50), 0);
    }

    @Test
    void normalAndStudentTwoSidedTailsMatchScipy() {
        relative(0.04999579029644087, MarkerMath.normalTwoSided(1.96), 1e-12);
        relative(0.04999579029644087, MarkerMath.normalTwoSided(-1.96), 1e-12);
        relative(0.07338803477074039, MarkerMath.studentTwoSided(2.0, 10), 1e-11);
        relative(0.0014723966291994364, MarkerMath.studentTwoSided(8.5, 3.7), 1e-11);
        relative(4.370069391058684e-95, MarkerMath.studentTwoSided(-25.0, 600.5), 1e-10);
        relative(0.9208438530452802, MarkerMath.studentTwoSided(0.1, 40), 1e-12);
    }

    @Test
    void logGammaMatchesKnownValuesBelowAndAboveTheShift() {
        relative(0.5723649429247004, MarkerMath.logGamma(0.5), 1e-14);
        relative(0.9358019311087249, MarkerMath.logGamma(3.25), 1e-14);
        relative(359.1342053695754, MarkerMath.logGamma(100), 1e-14);
    }

    @Test
    void benjaminiHochbergTakesTheRunningMinimumFromTheLargestPValueDown() {
        double[] adjusted = MarkerMath.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.2, Double.NaN});
        assertArrayEquals(new double[] {0.05, 0.2 / 3, 0.2 / 3, 0.25, 1.0}, adjusted, 1e-15);
    }
}
