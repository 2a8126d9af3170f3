package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;

import java.util.ArrayDeque;

/**
 * Allows at most {@code permits} acquisitions in any window of {@code windowNanos}, across all threads using the
 * instance. Waiting callers poll cancellation.
 */
final class RateLimiter {
    private final int permits;
    private final long windowNanos;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    RateLimiter(int permits, long windowNanos) {
        this.permits = permits;
        this.windowNanos = windowNanos;
    }

    synchronized void acquire(CancellationToken cancel) {
        while (true) {
            cancel.check();
            long now = System.nanoTime();
            while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
                recent.pollFirst();
            }
            if (recent.size() < permits) {
                recent.addLast(now);
                return;
            }
            long waitNanos = recent.peekFirst() + windowNanos - now;
            sleep(Math.min(waitNanos, 50_000_000L));
        }
    }

    static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }
}
