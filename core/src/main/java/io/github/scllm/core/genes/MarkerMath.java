package io.github.scllm.core.genes;

import java.util.Arrays;

/**
 * Distribution tails and multiple-testing adjustment for {@link MarkerGenes}, written for relative accuracy in the
 * far tails, where marker p-values live (1e-50 is common): the normal tail comes from a series or a continued
 * fraction of erfc (never from {@code 1 - cdf}), Student's t tail from a continued fraction of the regularised
 * incomplete beta function.
 */
final class MarkerMath {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;

    private MarkerMath() {
    }

    /**
     * @param z a standard normal deviate
     * @return {@code P(|Z| >= |z|)}, the two-sided p-value; NaN for NaN
     */
    static double normalTwoSided(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    /**
     * The complementary error function for {@code x >= 0}: a positive-term series of erf below 2 (no cancellation,
     * and erfc is above 0.004 there) and a continued fraction above.
     */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2) {
            // erf(x) = 2/sqrt(pi) exp(-x^2) sum_n (2x^2)^n x / (1*3*...*(2n+1))
            double term = x;
            double sum = x;
            double twoX2 = 2 * x * x;
            for (int n = 1; n < MAX_ITERATIONS && term > EPS * sum; n++) {
                term *= twoX2 / (2 * n + 1);
                sum += term;
            }
            return 1 - TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
        }
        if (x > 40) {
            return 0;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))), modified Lentz
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = d == 0 ? TINY : d;
            c = x + a / c;
            c = c == 0 ? TINY : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /**
     * @param t a t statistic
     * @param df degrees of freedom, positive (fractional for Welch's test)
     * @return {@code P(|T| >= |t|)} for Student's t with {@code df} degrees of freedom; NaN for NaN input
     */
    static double studentTwoSided(double t, double df) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        if (!(df > 0)) {
            return Double.NaN;
        }
        double t2 = t * t;
        // P(|T| >= t) = I_x(df/2, 1/2) with x = df/(df+t^2); 1-x passed separately to keep its precision
        return regularizedBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
    }

    /**
     * The regularised incomplete beta function {@code I_x(a, b)}.
     *
     * @param x the argument in [0, 1]
     * @param oneMinusX {@code 1 - x}, computed by the caller without cancellation
     * @param a first shape, positive
     * @param b second shape, positive
     */
    static double regularizedBeta(double x, double oneMinusX, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (oneMinusX <= 0) {
            return 1;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(oneMinusX, x, b, a);
        }
        double logFront = a * Math.log(x) + b * Math.log(oneMinusX) - logBeta(a, b) - Math.log(a);
        return Math.exp(logFront) / betaFraction(x, a, b);
    }

    /** Denominator of the continued fraction 1/(1 + d1/(1 + d2/(1 + ...))) of I_x(a, b), modified Lentz. */
    private static double betaFraction(double x, double a, double b) {
        double f = 1;
        double c = 1;
        double d = 0;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            int m = i / 2;
            double coefficient = (i % 2 == 1)
                ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + coefficient * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + coefficient / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return f;
    }

    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /**
     * ln Γ(x) for {@code x > 0}: Stirling's series with Bernoulli terms up to 1/x^11, after shifting the argument
     * to at least 15 with the recurrence Γ(x+1) = xΓ(x); relative error below 1e-14 there.
     */
    static double logGamma(double x) {
        double shift = 0;
        while (x < 15) {
            shift += Math.log(x);
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680
            + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shift;
    }

    /**
     * Benjamini–Hochberg adjusted p-values (false discovery rate), each {@code min over k >= rank of p_(k) * n / k},
     * capped at 1. NaN p-values count as 1.
     *
     * @param p raw p-values
     * @return adjusted p-values in the order of {@code p}
     */
    static double[] benjaminiHochberg(double[] p) {
        int n = p.length;
        double[] clean = new double[n];
        for (int i = 0; i < n; i++) {
            clean[i] = Double.isNaN(p[i]) ? 1 : p[i];
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (i, j) -> Double.compare(clean[i], clean[j]));
        double[] adjusted = new double[n];
        double running = 1;
        for (int k = n - 1; k >= 0; k--) {
            int i = idx[k];
            running = Math.min(running, clean[i] * n / (k + 1));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
