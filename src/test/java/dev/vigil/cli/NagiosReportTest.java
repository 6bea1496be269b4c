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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The summary line and performance data of {@link NagiosReport}, over results made here. */
class NagiosReportTest {
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TlsOptions THRESHOLDS = new TlsOptions(null, false, 30, 7);

    private static ProbeResult https(Duration took, long bodyBytes, Duration certificateLeft) {
        var leaf = new CertificateFacts("CN=api.test", "CN=Root", "01", List.of(), NOW.minus(Duration.ofDays(10)),
                NOW.plus(certificateLeft), "00", "EC", 256);
        var tls = new TlsFacts("TLS 1.3", "TLS_AES_128_GCM_SHA256", true, null, List.of(leaf));
        return new ProbeResult(NOW, took, null, new HttpFacts(200, "1.1", 0, URI.create("https://api.test/"), bodyBytes),
                tls, Phases.NONE, null, List.of());
    }

    private static ProbeResult refused(Duration took) {
        return new ProbeResult(NOW, took, new Failure(FailureKind.CONNECT_REFUSED, "refused"), null, null, Phases.NONE,
                null, List.of());
    }

    private static NagiosReport.Judged judged(String name, ProbeResult result) {
        return new NagiosReport.Judged(name, result, Verdict.of(result, THRESHOLDS, CLOCK), THRESHOLDS,
                "line of " + name + "\n");
    }

    @Test
    void aProbeOverHttpsHasTimeSizeAndDaysLeftWithTheThresholdsAsRanges() {
        var probe = judged(null, https(Duration.ofMillis(212), 1234, Duration.ofDays(83).plusHours(5)));

        assertEquals(List.of("time=0.212s;;;0", "size=1234B;;;0", "days_left=83;30:;7:"),
                NagiosReport.perfdata("", probe, CLOCK));
    }

    @Test
    void aProbeThatGotNoResponseHasOnlyItsTime() {
        assertEquals(List.of("'api_time'=1.500s;;;0"),
                NagiosReport.perfdata("'api_", judged("api", refused(Duration.ofMillis(1500))), CLOCK));
    }

    /** Seconds to the millisecond, half up, as {@code %.3f} wrote them before issue 17. */
    @ParameterizedTest
    @CsvSource({"0, time=0.000s;;;0", "499999, time=0.000s;;;0", "500000, time=0.001s;;;0", "1499999, time=0.001s;;;0",
            "1500000, time=0.002s;;;0", "212000000, time=0.212s;;;0", "12345678901, time=12.346s;;;0",
            "3600000000000, time=3600.000s;;;0"})
    void theTimeIsInSecondsToTheMillisecond(long nanos, String time) {
        assertEquals(time, NagiosReport.perfdata("", judged(null, refused(Duration.ofNanos(nanos))), CLOCK).getFirst());
        assertEquals(String.format(java.util.Locale.ROOT, "time=%.3fs;;;0", nanos / 1e9), time);
    }

    @Test
    void everyProbeOkIsCounted() {
        var ok = https(Duration.ofMillis(5), 2, Duration.ofDays(90));

        assertEquals("OK - 2 of 2 probes OK", NagiosReport.summary(List.of(judged("a", ok), judged("b", ok))));
        assertEquals("OK - 1 of 1 probe OK", NagiosReport.summary(List.of(judged("a", ok))));
    }

    @Test
    void onlyWarningsMakeAWarningNamingEach() {
        var ok = https(Duration.ofMillis(5), 2, Duration.ofDays(90));
        var soon = https(Duration.ofMillis(5), 2, Duration.ofDays(20));

        assertEquals("WARNING - 1 of 2 probes warning: b: certificate expires in 20 days (2026-12-15T00:00:00Z),"
                + " within --warn-days 30", NagiosReport.summary(List.of(judged("a", ok), judged("b", soon))));
    }

    @Test
    void failuresComeFirstAndPastThreeTheRestAreCounted() {
        var soon = https(Duration.ofMillis(5), 2, Duration.ofDays(20));
        var down = refused(Duration.ofMillis(5));

        assertEquals("CRITICAL - 4 of 5 probes failing, 1 warning: b: connect_refused: refused; c: connect_refused:"
                        + " refused; d: connect_refused: refused; and 2 more",
                NagiosReport.summary(List.of(judged("a", soon), judged("b", down), judged("c", down), judged("d", down),
                        judged("e", down))));
    }

    @Test
    void aPipeInAMessageIsShownAsASlashOnEveryLine() {
        var failed = new ProbeResult(NOW, Duration.ofMillis(3), new Failure(FailureKind.BODY_MISMATCH, "no match for a|b"),
                null, null, Phases.NONE, null, List.of());
        var probe = new NagiosReport.Judged("api", failed, Verdict.of(failed, THRESHOLDS, CLOCK), THRESHOLDS,
                "CRITICAL - api: no match for a|b\n  why    a|b\n");

        assertEquals("CRITICAL - 1 of 1 probe failing: api: body_mismatch: no match for a/b | 'api_time'=0.003s;;;0\n"
                + "CRITICAL - api: no match for a/b\n  why    a/b\n", NagiosReport.of(List.of(probe), true, CLOCK));
    }
}
