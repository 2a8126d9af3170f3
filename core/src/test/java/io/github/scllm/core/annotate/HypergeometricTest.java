package io.github.scllm.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference values: SciPy 1.10 {@code hypergeom.sf(k - 1, N, K, n)}. */
class HypergeometricTest {

    @Test
    void upperTailMatchesScipyFromTheBulkToTheFarTail() {
        Hypergeometric h = new Hypergeometric(20000);
        assertEquals(0.31877993618231115, h.upperTail(3, 100, 10, 20), 1e-12);
        assertEquals(1.0, h.upperTail(0, 100, 10, 20), 1e-15);
        assertEquals(0.98630345047139, h.upperTail(1, 765, 30, 100), 1e-12);
        assertEquals(1.98889245414448e-23, h.upperTail(15, 20000, 50, 100), 1.98889245414448e-23 * 1e-9);
        assertEquals(1.0, h.upperTail(10, 10, 10, 10), 1e-15);
        assertEquals(0.0, h.upperTail(11, 100, 10, 20), 0, "more shared genes than markers is impossible");
    }
}
