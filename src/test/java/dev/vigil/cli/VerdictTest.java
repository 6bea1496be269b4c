package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpFacts;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.TlsOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTest {
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static ProbeResult up(Duration leafLeft, Duration intermediateLeft) {
        var leaf = cert("CN=api.test", NOW.plus(leafLeft));
        var intermediate = cert("CN=Issuing CA", NOW.plus(intermediateLeft));
        var tls = new TlsFacts("TLS 1.3", "TLS_AES_128_GCM_SHA256", true, null, List.of(leaf, intermediate));
        return new ProbeResult(NOW, Duration.ofMillis(12), null,
                new HttpFacts(200, "1.1", 0, URI.create("https://api.test/"), 2), tls, Phases.NONE, null, List.of());
    }

    private static CertificateFacts cert(String subject, Instant notAfter) {
        return new CertificateFacts(subject, "CN=Root", "01", List.of(), NOW.minus(Duration.ofDays(10)), notAfter, "00", "EC", 256);
    }

    @ParameterizedTest(name = "leaf {0}h, intermediate {1}h -> {2}")
    @CsvSource({
            "2400, 24000, OK",
            "337,  24000, OK",
            "335,  24000, WARNING",
            "73,   24000, WARNING",
            "71,   24000, CRITICAL",
            "2400, 48,    CRITICAL",
    })
    void expiryOfTheEarliestCertificateSetsTheStatus(long leafHours, long intermediateHours, NagiosStatus expected) {
        Verdict v = Verdict.of(up(Duration.ofHours(leafHours), Duration.ofHours(intermediateHours)), TlsOptions.DEFAULT, CLOCK);
        assertEquals(expected, v.status());
    }

    @org.junit.jupiter.api.Test
    void warningSaysWhenAndWhichThreshold() {
        Verdict v = Verdict.of(up(Duration.ofDays(10), Duration.ofDays(1000)), TlsOptions.DEFAULT, CLOCK);
        assertEquals("certificate expires in 10 days (2026-12-05T00:00:00Z), within --warn-days 14", v.reason());
    }

    @org.junit.jupiter.api.Test
    void anyFailureIsCriticalWithItsKind() {
        var failed = new ProbeResult(NOW, Duration.ofSeconds(1), new Failure(FailureKind.CONNECT_REFUSED, "refused"), null, null, Phases.NONE, null, List.of());
        assertEquals(new Verdict(NagiosStatus.CRITICAL, "connect_refused: refused"), Verdict.of(failed, TlsOptions.DEFAULT, CLOCK));
    }
}
