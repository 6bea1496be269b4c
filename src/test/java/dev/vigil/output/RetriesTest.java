package dev.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff between attempts. */
class RetriesTest {
    private static final Outcome SERVER_ERROR = Outcome.retryLater("HTTP 500", null);

    @Test
    void backoffDoublesUpToTheCap() {
        Retries retries = new Retries(10, Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertEquals(Duration.ofSeconds(2), retries.waitAfter(1, SERVER_ERROR));
        assertEquals(Duration.ofSeconds(4), retries.waitAfter(2, SERVER_ERROR));
        assertEquals(Duration.ofSeconds(16), retries.waitAfter(4, SERVER_ERROR));
        assertEquals(Duration.ofSeconds(20), retries.waitAfter(5, SERVER_ERROR));
        assertEquals(Duration.ofSeconds(20), retries.waitAfter(64, SERVER_ERROR));
    }

    @Test
    void retryAfterWinsButIsCapped() {
        Retries retries = new Retries(5, Duration.ofSeconds(2), Duration.ofMinutes(1));
        assertEquals(Duration.ofSeconds(7), retries.waitAfter(3, Outcome.retryLater("HTTP 429", Duration.ofSeconds(7))));
        assertEquals(Duration.ofMinutes(1), retries.waitAfter(1, Outcome.retryLater("HTTP 429", Duration.ofHours(1))));
    }

    @Test
    void atLeastOneAttempt() {
        assertThrows(IllegalArgumentException.class, () -> new Retries(0, Duration.ZERO, Duration.ZERO));
    }
}
