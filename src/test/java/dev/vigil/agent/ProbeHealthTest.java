package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final String URL = "https://api.example.test/healthz";

    private static ProbeResult up(Instant at) {
        return new ProbeResult(at, Duration.ofMillis(5), null, null, null, Phases.NONE, null, List.of());
    }

    private static ProbeResult down(Instant at) {
        return new ProbeResult(at, Duration.ofMillis(5), new Failure(FailureKind.CERT_UNTRUSTED, "self-signed"), null,
                null, Phases.NONE, null, List.of());
    }

    /** Feeds results in order and returns the log lines the steps produced. */
    private static List<String> lines(ProbeResult... results) {
        ProbeHealth health = ProbeHealth.UNKNOWN;
        List<String> out = new ArrayList<>();
        for (ProbeResult result : results) {
            ProbeHealth next = health.after(result);
            ProbeHealth.change("api", URL, health, next, result).ifPresent(out::add);
            health = next;
        }
        return out;
    }

    @Test
    void aFirstRunThatIsUpLogsNothing() {
        assertEquals(List.of(), lines(up(T0), up(T0.plusSeconds(30))));
    }

    @Test
    void aFirstRunThatIsDownLogsOnce() {
        assertEquals(List.of("probe api is DOWN: cert_untrusted: self-signed (" + URL + ")"),
                lines(down(T0), down(T0.plusSeconds(30))));
    }

    @Test
    void oneLinePerChangeNotPerRun() {
        assertEquals(List.of(
                "probe api is DOWN: cert_untrusted: self-signed (" + URL + ")",
                "probe api is UP again after 3 failed runs, down for 1m30s (" + URL + ")",
                "probe api is DOWN: cert_untrusted: self-signed (" + URL + ")",
                "probe api is UP again after 1 failed run, down for 30s (" + URL + ")"),
                lines(up(T0), down(T0.plusSeconds(30)), down(T0.plusSeconds(60)), down(T0.plusSeconds(90)),
                        up(T0.plusSeconds(120)), up(T0.plusSeconds(150)), down(T0.plusSeconds(180)), up(T0.plusSeconds(210))));
    }

    @Test
    void healthCountsConsecutiveFailuresFromWhenTheStateBegan() {
        ProbeHealth health = ProbeHealth.UNKNOWN.after(up(T0)).after(down(T0.plusSeconds(30))).after(down(T0.plusSeconds(60)));
        assertEquals(new ProbeHealth(false, T0.plusSeconds(30), 2), health);
        assertEquals(Optional.empty(), ProbeHealth.change("api", URL, health, health.after(down(T0.plusSeconds(90))),
                down(T0.plusSeconds(90))));
    }
}
