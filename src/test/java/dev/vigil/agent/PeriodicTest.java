package dev.vigil.agent;

import dev.vigil.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A periodic task of the agent survives its failures, exceptions and errors alike. */
class PeriodicTest {
    @Test
    void aTaskThatThrowsKeepsItsSchedule() {
        AtomicInteger runs = new AtomicInteger();
        try (Periodic periodic = Periodic.every(Duration.ofMillis(5), "test-task", () -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new IllegalStateException("first run fails");
            }
            if (run == 2) {
                throw new AssertionError("an Error too");
            }
        })) {
            Eventually.until(Duration.ofSeconds(10), "runs after the failures", () -> runs.get() >= 5);
        }
    }
}
