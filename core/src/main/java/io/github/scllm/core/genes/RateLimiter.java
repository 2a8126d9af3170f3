package io.github.scllm.core.genes;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Allows at most {@code permits} requests in any window of {@code windowNanos} as the server sees them, across all
 * threads using the instance. A request holds its permit from before it is sent until its answer has arrived, and
 * the window is counted from that end: the server receives a request somewhere between the two, so two requests
 * further apart than the window at the client are further apart at the server too, however long each took on the
 * way. Waiting callers poll cancellation.
 */
final class RateLimiter {
    /** One request: in flight until {@link #close()}, then remembered for a window after its end. */
    final class Permit implements AutoCloseable {
        private long endNanos = Long.MAX_VALUE;

        /** Marks the answer as arrived. Idempotent. */
        @Override
        public void close() {
            synchronized (RateLimiter.this) {
                if (endNanos == Long.MAX_VALUE) {
                    endNanos = System.nanoTime();
                    RateLimiter.this.notifyAll();
                }
            }
        }
    }

    private static final long POLL_MILLIS = 50;

    private final int permits;
    private final long windowNanos;
    private final ArrayDeque<Permit> recent = new ArrayDeque<>();

    RateLimiter(int permits, long windowNanos) {
        this.permits = permits;
        this.windowNanos = windowNanos;
    }

    /**
     * Waits until a request may start.
     *
     * @param cancel polled while waiting
     * @return the permit; close it when the answer has arrived (or the request failed)
     * @throws CancelledException when cancelled or interrupted while waiting
     */
    synchronized Permit acquire(CancellationToken cancel) {
        while (true) {
            cancel.check();
            long now = System.nanoTime();
            long soonestFree = Long.MAX_VALUE;
            for (Iterator<Permit> it = recent.iterator(); it.hasNext();) {
                Permit p = it.next();
                if (p.endNanos != Long.MAX_VALUE && now - p.endNanos >= windowNanos) {
                    it.remove();
                } else if (p.endNanos != Long.MAX_VALUE) {
                    soonestFree = Math.min(soonestFree, p.endNanos + windowNanos - now);
                }
            }
            if (recent.size() < permits) {
                Permit p = new Permit();
                recent.addLast(p);
                return p;
            }
            long waitMillis = soonestFree == Long.MAX_VALUE ? POLL_MILLIS
                : Math.max(1, Math.min(POLL_MILLIS, soonestFree / 1_000_000L + 1));
            try {
                wait(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }
}
