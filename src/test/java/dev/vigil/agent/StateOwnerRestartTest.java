package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.AlertState;
import dev.vigil.alert.Condition;
import dev.vigil.cert.CertEvent;
import dev.vigil.cert.Endpoint;
import dev.vigil.config.Outputs;
import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import dev.vigil.state.StateFile;
import dev.vigil.state.StateStore;
import dev.vigil.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate history and the alerting, each a part of the one state file owner: both pieces reach the file on
 * the owner's schedule and come back after a restart, so a firing alert is not told again.
 */
class StateOwnerRestartTest {
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    private static final ProbeConfig API = Probes.every("api", Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(START);
    private final List<CertEvent> events = new ArrayList<>();

    /** The parts of a running agent over {@code file}, as the agent wires them. */
    private record Parts(Certificates certificates, Alerting alerting) implements AutoCloseable {
        static Parts of(StateFile file, FakeClock clock, List<CertEvent> events) {
            Alerting alerting = new Alerting(Outputs.NONE, file.loaded().alertBook(), clock, "Vigil/test");
            Certificates certificates = new Certificates(file.loaded().endpoints(), clock, events::add,
                    (settings, names) -> List.of());
            file.register(certificates.part());
            file.register(alerting);
            alerting.configured(List.of(API));
            return new Parts(certificates, alerting);
        }

        void run(ProbeResult result) {
            alerting.onResult(API, result, certificates.record(API, result));
        }

        @Override
        public void close() {
            alerting.close();
            certificates.close();
        }
    }

    /** A run that completed its handshake with serial {@code 0a} and then got a 500. */
    private ProbeResult failedAfterHandshake() {
        Instant notBefore = START.minus(Duration.ofDays(10));
        CertificateFacts leaf = new CertificateFacts("CN=api.example.test", "CN=R11,O=Let's Encrypt,C=US", "0a",
                List.of("api.example.test"), notBefore, notBefore.plus(Duration.ofDays(90)), "sha256-of-0a", "EC", 256);
        TlsFacts tls = new TlsFacts("TLS 1.3", "TLS_AES_128_GCM_SHA256", true, null, List.of(leaf));
        return new ProbeResult(clock.instant(), Duration.ofMillis(5), new Failure(FailureKind.HTTP_STATUS, "500"), null,
                tls, Phases.NONE, null, List.of());
    }

    @Test
    void alertStateAndCertificateHistoryBothSurviveARestartThroughTheOneOwner() throws Exception {
        String endpoint = Endpoint.of(API.spec().url()).key();
        try (StateFile file = StateFile.open(dir, clock); Parts parts = Parts.of(file, clock, events)) {
            parts.run(failedAfterHandshake());
            clock.advance(Duration.ofMinutes(1));
            parts.run(failedAfterHandshake());
            file.saveIfDue();

            // Within the key delay, before any shutdown: the new certificate and the alert that fired.
            var saved = StateStore.readUnlocked(dir);
            assertEquals("0a", saved.endpoints().get(endpoint).current().serialHex());
            assertTrue(saved.alerts().stream().anyMatch(a -> a.condition() == Condition.DOWN && a.firing()));
            assertEquals(2, saved.nextSequence(), "one notification, that the probe is down");
        }

        clock.advance(Duration.ofMinutes(1));
        try (StateFile file = StateFile.open(dir, clock); Parts parts = Parts.of(file, clock, events)) {
            assertEquals("0a", file.loaded().endpoints().get(endpoint).current().serialHex());
            AlertState down = file.loaded().alerts().stream().filter(a -> a.condition() == Condition.DOWN)
                    .findFirst().orElseThrow();
            assertTrue(down.firing());

            parts.run(failedAfterHandshake());

            assertEquals(2, parts.alerting().book().nextSequence(), "still firing: not told again after the restart");
            assertEquals(START.plus(Duration.ofMinutes(2)),
                    file.snapshot().endpoints().get(endpoint).current().lastSeen());
        }
    }
}
