package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.Phases;
import dev.vigil.probe.tls.HandshakeTiming;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How one exchange on the default path divides its time into blackbox_exporter's phases. */
class JdkPhasesTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(long millis) {
        return START.plusMillis(millis);
    }

    @Test
    void overTlsTheEnginesTimesGiveConnectAndHandshakeAndProcessingStartsWhenTheHandshakeEnds() {
        Phases phases = JdkHttpTransport.phases(START, new HandshakeTiming(at(1), at(4), at(14)), at(54), at(59));

        assertEquals(new Phases(null, Duration.ofMillis(3), Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMillis(5)), phases);
    }

    @Test
    void overPlainHttpProcessingRunsFromTheStartWithTheConnectInside() {
        Phases phases = JdkHttpTransport.phases(START, null, at(54), at(59));

        assertEquals(new Phases(null, null, null, Duration.ofMillis(54), Duration.ofMillis(5)), phases);
    }
}
