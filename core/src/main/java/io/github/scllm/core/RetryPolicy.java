package io.github.scllm.core;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * When and how long an HTTP client waits before sending a failed request again. The decision table:
 * <ul>
 * <li>408, 409, 429 and every 5xx are transient and retried, unless the server says {@code x-should-retry: false}
 * or the body names a condition that waiting cannot fix (the caller checks, e.g. OpenAI's
 * {@code insufficient_quota});</li>
 * <li>every other status (400, 401, 403, 404, 413, 422, ...) fails at once: the same request would be refused
 * again;</li>
 * <li>a timeout or broken connection is retried; an unknown host or a TLS failure is not (a configuration
 * problem).</li>
 * </ul>
 * The wait is the server's {@code retry-after-ms}, else its {@code Retry-After} (seconds or HTTP date), else
 * exponential backoff {@code initialBackoff · 2^(attempt-1)} with up to 25 % random jitter; every wait is capped at
 * {@code maxBackoff}.
 *
 * @param maxAttempts    requests per batch including the first, at least 1
 * @param initialBackoff wait before the first retry when the server names none; positive
 * @param maxBackoff     upper bound of every wait, also of a server's Retry-After; not shorter than initialBackoff
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /**
     * Six attempts, 0.5 s doubling up to 60 s: five retries span about 15 s of backoff, enough to ride out a rate
     * limit window of a minute when the server sends Retry-After, without keeping a broken run alive for long.
     */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(60));

    /**
     * @throws InvalidInputException if maxAttempts is below 1 or a duration is not positive or maxBackoff is
     *                               shorter than initialBackoff
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidInputException("Attempts per request is " + maxAttempts + "; use at least 1.");
        }
        if (initialBackoff == null || maxBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidInputException("Retry backoff must be positive and the maximum wait ("
                    + maxBackoff + ") at least the initial one (" + initialBackoff + ").");
        }
    }

    /**
     * @param attempts requests per batch including the first, at least 1
     * @return this policy with another number of attempts and the same waits
     * @throws InvalidInputException if attempts is below 1
     */
    public RetryPolicy withMaxAttempts(final int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff);
    }

    /**
     * @param status an HTTP status code
     * @return whether the status is transient (408, 409, 429, 5xx)
     */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * The wait a server asks for.
     *
     * @param retryAfterMs the {@code retry-after-ms} header or null
     * @param retryAfter   the {@code Retry-After} header (delta seconds or HTTP date) or null
     * @return the wait in nanoseconds, or -1 when neither header is present and readable
     */
    public static long serverWaitNanos(String retryAfterMs, String retryAfter) {
        if (retryAfterMs != null && !retryAfterMs.isBlank()) {
            try {
                double ms = Double.parseDouble(retryAfterMs.strip());
                if (ms >= 0 && Double.isFinite(ms)) {
                    return (long) (ms * 1_000_000L);
                }
            } catch (NumberFormatException e) {
                // unreadable: fall back to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return -1;
        }
        String h = retryAfter.strip();
        try {
            double seconds = Double.parseDouble(h);
            return seconds >= 0 && Double.isFinite(seconds) ? (long) (seconds * 1e9) : -1;
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toNanos());
            } catch (DateTimeParseException e2) {
                return -1;
            }
        }
    }

    /**
     * @param attempt        the attempt that just failed, 1-based
     * @param serverWaitNanos what the server asked for ({@link #serverWaitNanos}), or -1
     * @return nanoseconds to wait before the next attempt, at most {@link #maxBackoff()}
     */
    public long waitNanos(int attempt, long serverWaitNanos) {
        long cap = maxBackoff.toNanos();
        if (serverWaitNanos >= 0) {
            return Math.min(serverWaitNanos, cap);
        }
        long base = Math.min(initialBackoff.toNanos() << Math.min(Math.max(attempt - 1, 0), 30), cap);
        // up to 25 % less than the exponential step, so parallel clients that failed together spread out
        return base - (long) (ThreadLocalRandom.current().nextDouble() * 0.25 * base);
    }

    /**
     * Waits between attempts, checking for cancellation at least every 50 ms.
     *
     * @throws CancelledException if cancelled or interrupted while waiting
     */
    public static void sleep(long nanos, CancellationToken cancel) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            cancel.check();
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }
}
