package dev.vigil.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: synchronisation with a running agent without fixed sleeps. */
public final class Eventually {
    private static final Duration POLL = Duration.ofMillis(20);

    private Eventually() {
    }

    /** Returns once {@code condition} is true; fails with {@code what} and the last state when {@code within} passes. */
    public static void until(Duration within, String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
