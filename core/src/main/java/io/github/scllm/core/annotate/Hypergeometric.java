package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;

/**
 * Upper tail of the hypergeometric distribution for over-representation: drawing {@code n} genes from {@code N},
 * of which {@code K} are a cell type's markers, the probability of {@code k} or more markers. Log factorials are
 * tabulated once up to N.
 */
final class Hypergeometric {
    private final double[] logFactorial;

    /**
     * @param maxN the largest population size to be asked about, at least 0
     */
    Hypergeometric(int maxN) {
        logFactorial = new double[maxN + 1];
        for (int i = 2; i <= maxN; i++) {
            logFactorial[i] = logFactorial[i - 1] + Math.log(i);
        }
    }

    private double logChoose(int n, int k) {
        return logFactorial[n] - logFactorial[k] - logFactorial[n - k];
    }

    /**
     * @return {@code P(X >= k)} for X ~ Hypergeometric(N, K, n)
     * @throws InvalidInputException if the sizes are inconsistent or N exceeds the tabulated size
     */
    double upperTail(int k, int populationN, int successesK, int drawsN) {
        if (populationN >= logFactorial.length || successesK > populationN || drawsN > populationN || k < 0
            || successesK < 0 || drawsN < 0) {
            throw new InvalidInputException("Hypergeometric sizes out of range: k=" + k + ", N=" + populationN
                + ", K=" + successesK + ", n=" + drawsN + ".");
        }
        int lo = Math.max(k, Math.max(0, drawsN - (populationN - successesK)));
        int hi = Math.min(drawsN, successesK);
        if (lo > hi) {
            return k <= Math.max(0, drawsN - (populationN - successesK)) ? 1 : 0;
        }
        double denominator = logChoose(populationN, drawsN);
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[hi - lo + 1];
        for (int x = lo; x <= hi; x++) {
            double t = logChoose(successesK, x) + logChoose(populationN - successesK, drawsN - x) - denominator;
            terms[x - lo] = t;
            max = Math.max(max, t);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return Math.min(1, Math.exp(max) * sum);
    }
}
