package io.github.scllm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.InvalidInputException;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final long MS = 1_000_000L;

    @Test
    void transientStatusesAreRetryableAndClientErrorsAreNot() {
        for (int s : new int[] {408, 409, 429, 500, 502, 503, 504}) {
            assertTrue(RetryPolicy.isRetryableStatus(s), "status " + s);
        }
        for (int s : new int[] {400, 401, 403, 404, 413, 422}) {
            assertFalse(RetryPolicy.isRetryableStatus(s), "status " + s);
        }
    }

    @Test
    void retryAfterMsWinsOverRetryAfterSeconds() {
        assertEquals(250 * MS, RetryPolicy.serverWaitNanos("250", "7"));
        assertEquals(7_000 * MS, RetryPolicy.serverWaitNanos(null, "7"));
        assertEquals(1_500 * MS, RetryPolicy.serverWaitNanos("soon", "1.5"));
        assertEquals(-1, RetryPolicy.serverWaitNanos(null, null));
        assertEquals(-1, RetryPolicy.serverWaitNanos("", "tomorrow"));
    }

    @Test
    void retryAfterAsHttpDateGivesTheTimeUntilThen() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        long wait = RetryPolicy.serverWaitNanos(null, at);
        assertTrue(wait > 25_000 * MS && wait <= 30_000 * MS, "wait " + wait);
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
        assertEquals(0, RetryPolicy.serverWaitNanos(null, past));
    }

    @Test
    void backoffDoublesWithAtMostAQuarterJitterAndStaysUnderTheCap() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));
        for (int i = 0; i < 200; i++) {
            long w1 = p.waitNanos(1, -1);
            long w3 = p.waitNanos(3, -1);
            long w9 = p.waitNanos(9, -1);
            assertTrue(w1 > 75 * MS && w1 <= 100 * MS, "first wait " + w1);
            assertTrue(w3 > 300 * MS && w3 <= 400 * MS, "third wait " + w3);
            assertTrue(w9 > 750 * MS && w9 <= 1000 * MS, "capped wait " + w9);
        }
    }

    @Test
    void aServerWaitIsHonouredUpToTheCap() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(20));
        assertEquals(5_000 * MS, p.waitNanos(1, 5_000 * MS));
        assertEquals(20_000 * MS, p.waitNanos(1, 3_600_000 * MS));
        assertEquals(0, p.waitNanos(2, 0));
    }

    @Test
    void nonsensicalPoliciesAreRejected() {
        assertThrows(InvalidInputException.class, () -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThrows(InvalidInputException.class, () -> new RetryPolicy(2, Duration.ZERO, Duration.ofMillis(1)));
        assertThrows(InvalidInputException.class, () -> new RetryPolicy(2, Duration.ofSeconds(2),
                Duration.ofSeconds(1)));
    }
}
