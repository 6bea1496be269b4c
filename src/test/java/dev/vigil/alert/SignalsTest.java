package dev.vigil.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.CertEvent;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.Churn;
import dev.vigil.cert.CtFailure;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.NotServed;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Refusal;
import dev.vigil.cert.RenewalFailing;
import dev.vigil.cert.Severity;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Endpoint API = Endpoint.of(URI.create("https://api.example.com/"));

    private static Observation cert(Duration left) {
        return new Observation("04ab", "CN=R11,O=Let's Encrypt,C=US", "CN=api.example.com", List.of("api.example.com"),
                NOW.minus(Duration.ofDays(30)), NOW.plus(left), "ab12", List.of(), true, NOW, NOW);
    }

    private static CertStatus status(Duration left, int tokensLeft, LimitUsage.Level level) {
        Observation cert = cert(left);
        return new CertStatus(cert, List.of(new NameSetUsage(cert.sans(), true, NOW,
                new LimitUsage(5 - tokensLeft, tokensLeft, null, level))), "example.com",
                new LimitUsage(1, 49, null, LimitUsage.Level.OK), null);
    }

    private static ProbeResult result(FailureKind kind) {
        Failure failure = kind == null ? null : new Failure(kind, "what happened");
        return new ProbeResult(NOW, Duration.ofMillis(20), failure, null, null, Phases.NONE, null,
                kind == null ? List.of() : List.of("why"));
    }

    private static Map<Condition, Boolean> failing(List<Signal> signals) {
        return signals.stream().collect(Collectors.toMap(Signal::condition, Signal::failing));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
            "none,                   false, false, false",
            // No certificate reached, or not the endpoint's: the certificate is not judged (none), not passing.
            "connect_refused,        true,  none,  false",
            "cert_untrusted,         false, true,  false",
            "cert_hostname_mismatch, false, true,  false",
            "dns_lb_mismatch,        false, none,  true",
            "split_brain,            true,  none,  false",
    })
    void aFailureCountsForOneConditionOnly(String kind, boolean down, Boolean certInvalid, boolean mismatch) {
        FailureKind failure = kind == null ? null : FailureKind.valueOf(kind.toUpperCase());
        Map<Condition, Boolean> failing = failing(Signals.of(result(failure),
                status(Duration.ofDays(60), 4, LimitUsage.Level.OK), TlsOptions.DEFAULT, LimitPolicy.EXACT_SET, NOW));

        assertEquals(down, failing.get(Condition.DOWN));
        assertEquals(certInvalid, failing.get(Condition.CERT_INVALID));
        assertEquals(mismatch, failing.get(Condition.DNS_LB_MISMATCH));
    }

    @ParameterizedTest(name = "{0} days left")
    @CsvSource({"20, false, WARNING", "13, true, WARNING", "2, true, CRITICAL"})
    void expiryIsJudgedOnTheProbesThresholds(long days, boolean failing, Severity severity) {
        Signal expiring = Signals.of(result(null), status(Duration.ofDays(days).plusHours(1), 4, LimitUsage.Level.OK),
                TlsOptions.DEFAULT, LimitPolicy.EXACT_SET, NOW).stream()
                .filter(s -> s.condition() == Condition.CERT_EXPIRING).findFirst().orElseThrow();

        assertEquals(failing, expiring.failing());
        assertEquals(severity, expiring.severity());
    }

    @Test
    void aLowDuplicateLimitIsAWarningAndNoneLeftCritical() {
        Signal low = Signals.of(result(null), status(Duration.ofDays(60), 2, LimitUsage.Level.WARNING),
                TlsOptions.DEFAULT, LimitPolicy.EXACT_SET, NOW).stream()
                .filter(s -> s.condition() == Condition.DUPLICATE_LIMIT).findFirst().orElseThrow();

        assertTrue(low.failing());
        assertEquals(Severity.WARNING, low.severity());
        assertEquals("2 of 5 left", low.facts().get("Duplicate limit"));
    }

    /** After a fallback to the default certificate, the set served before, which the CA refuses, is what is told. */
    @Test
    void afterAFallbackTheFactsAndTheLimitNameTheExhaustedSetServedBefore() {
        Observation fallback = new Observation("ff", "CN=TRAEFIK DEFAULT CERT", "CN=TRAEFIK DEFAULT CERT",
                List.of("api.example.com"), NOW, NOW.plus(Duration.ofDays(365)), "ff00", List.of(), false, NOW, NOW);
        Instant next = Instant.parse("2026-11-26T19:14:03Z");
        CertStatus status = new CertStatus(fallback, List.of(
                new NameSetUsage(fallback.sans(), true, NOW, new LimitUsage(0, 5, null, LimitUsage.Level.OK)),
                new NameSetUsage(List.of("api.example.com", "www.api.example.com"), false, NOW.minusSeconds(600),
                        new LimitUsage(5, 0, next, LimitUsage.Level.CRITICAL))),
                "example.com", new LimitUsage(5, 45, null, LimitUsage.Level.OK),
                new CtFailure(NOW.minusSeconds(3600), "crt.sh answered 502 Bad Gateway for q=api.example.com"));

        List<Signal> signals = Signals.of(result(FailureKind.CERT_UNTRUSTED), status, TlsOptions.DEFAULT,
                LimitPolicy.EXACT_SET, NOW);

        Signal invalid = signals.stream().filter(s -> s.condition() == Condition.CERT_INVALID).findFirst().orElseThrow();
        String servedBefore = "(the set served here until 2026-11-25 08:50 UTC, before this certificate)";
        assertEquals("0 of 5 left for {api.example.com, www.api.example.com} until 2026-11-26 19:14 UTC, in 34 h 14 m "
                + servedBefore, invalid.facts().get("Duplicate limit"));
        assertEquals("could not be asked since " + NOW.minusSeconds(3600)
                + ": crt.sh answered 502 Bad Gateway for q=api.example.com", invalid.facts().get("CT"));
        Signal limit = signals.stream().filter(s -> s.condition() == Condition.DUPLICATE_LIMIT).findFirst()
                .orElseThrow();
        assertTrue(limit.failing());
        assertEquals(Severity.CRITICAL, limit.severity());
        assertEquals("5 certificates for {api.example.com, www.api.example.com} " + servedBefore
                + " issued in the last 168 h; none of 5 left: the CA refuses more until 2026-11-26 19:14 UTC, in 34 h 14 m"
                + " (one returns every 34 h)", limit.summary());
    }

    /** The two causes lead: the churn warning's summary is its sentence, and the CA's refusal comes before the symptom. */
    @ParameterizedTest(name = "churn {0}, refusal {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void aKnownCauseIsTheSummaryAndTheSymptomFollows(boolean churning, boolean refused) {
        List<String> pair = List.of("api.example.com", "www.api.example.com");
        Instant next = NOW.plus(Duration.ofHours(31));
        NameSetUsage before = new NameSetUsage(pair, false, NOW.minusSeconds(600),
                new LimitUsage(5, 0, next, LimitUsage.Level.CRITICAL));
        Observation issued = new Observation("01", "CN=R11,O=Let's Encrypt,C=US", "CN=api.example.com", pair,
                NOW.minus(Duration.ofHours(3)), NOW.plus(Duration.ofDays(87)), "0100", List.of(), true, NOW, NOW);
        Observation reissued = new Observation("02", "CN=R11,O=Let's Encrypt,C=US", "CN=api.example.com", pair,
                NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(88)), "0200", List.of(), true, NOW, NOW);
        Observation again = new Observation("03", "CN=R11,O=Let's Encrypt,C=US", "CN=api.example.com", pair,
                NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(89)), "0300", List.of(), true, NOW, NOW);
        CertStatus base = status(Duration.ofDays(60), 4, LimitUsage.Level.OK);
        CertStatus status = new CertStatus(base.current(), List.of(base.nameSets().getFirst(), before),
                base.registeredDomain(), base.registeredDomainUsage(), null,
                churning ? new Churn(before, List.of(issued, reissued, again), 89) : null,
                refused ? new Refusal(before, List.of(issued, reissued, again)) : null, null, null);

        List<Signal> signals = Signals.of(result(FailureKind.CERT_UNTRUSTED), status, TlsOptions.DEFAULT,
                LimitPolicy.EXACT_SET, NOW);

        Signal churn = signals.stream().filter(s -> s.condition() == Condition.CERT_CHURN).findFirst().orElseThrow();
        assertEquals(churning, churn.failing());
        assertEquals(Severity.WARNING, churn.severity());
        if (churning) {
            assertTrue(churn.summary().startsWith("3 certificates for {api.example.com, www.api.example.com} in 2 h,"
                    + " each about 89 days before the previous one would expire: "), churn.summary());
        }
        Signal invalid = signals.stream().filter(s -> s.condition() == Condition.CERT_INVALID).findFirst()
                .orElseThrow();
        String first = refused ? "The CA refuses new certificates for {api.example.com, www.api.example.com} until"
                + " 2026-11-26 16:00 UTC, in 31 h: 5 certificates" : "cert_untrusted: what happened";
        assertTrue(invalid.summary().startsWith(first), invalid.summary());
        assertEquals(List.of("why"), invalid.details());
        assertEquals(refused ? List.of("cert_untrusted: what happened") : List.of(), invalid.symptoms());
    }

    /** Renewal failing leads the expiry alert once it fires; before the probe's threshold it raises nothing. */
    @ParameterizedTest(name = "{0} days left")
    @CsvSource({"20, false", "13, true", "2, true"})
    void renewalFailingIsTheExpirySummaryAndTheExpiryFollows(long days, boolean failing) {
        CertStatus base = status(Duration.ofDays(days).plusHours(1), 4, LimitUsage.Level.OK);
        RenewalFailing renewal = new RenewalFailing(base.current(), NOW.minus(Duration.ofDays(2)), false);
        CertStatus status = new CertStatus(base.current(), base.nameSets(), base.registeredDomain(),
                base.registeredDomainUsage(), null, null, null, renewal, null);

        Signal expiring = Signals.of(result(null), status, TlsOptions.DEFAULT, LimitPolicy.EXACT_SET, NOW).stream()
                .filter(s -> s.condition() == Condition.CERT_EXPIRING).findFirst().orElseThrow();

        assertEquals(failing, expiring.failing());
        String symptom = "certificate for api.example.com expires in " + days + " days ("
                + NOW.plus(Duration.ofDays(days).plusHours(1)) + ")";
        assertEquals(failing ? renewal.sentence(NOW) : symptom, expiring.summary());
        assertEquals(List.of(), expiring.details());
        assertEquals(failing ? List.of(symptom) : List.of(), expiring.symptoms());
    }

    /** A newer certificate in CT that the endpoint does not serve is a warning whose summary is the cause. */
    @ParameterizedTest(name = "not served {0}")
    @CsvSource({"false", "true"})
    void aNewerCertificateNotServedIsAWarningWithTheCauseFirst(boolean unserved) {
        CertStatus base = status(Duration.ofDays(20), 4, LimitUsage.Level.OK);
        NotServed notServed = new NotServed(base.current(), new Issuance("05b2", NOW.minus(Duration.ofHours(2)),
                base.current().sans()));
        CertStatus status = new CertStatus(base.current(), base.nameSets(), base.registeredDomain(),
                base.registeredDomainUsage(), null, null, null, null, unserved ? notServed : null);

        Signal signal = Signals.of(result(null), status, TlsOptions.DEFAULT, LimitPolicy.EXACT_SET, NOW).stream()
                .filter(s -> s.condition() == Condition.CERT_NOT_SERVED).findFirst().orElseThrow();

        assertEquals(unserved, signal.failing());
        assertEquals(Severity.WARNING, signal.severity());
        if (unserved) {
            assertEquals(notServed.sentence(NOW), signal.summary());
        }
    }

    @Test
    void unexpectedChangesAreEventsAndRenewalsOnlyWhenAskedFor() {
        CertEvent reissue = new CertEvent("reissue", Severity.WARNING, "api", API, cert(Duration.ofDays(80)),
                cert(Duration.ofDays(89)), "re-issued", NOW);
        CertEvent renewal = new CertEvent("renewal", Severity.INFO, "api", API, cert(Duration.ofDays(10)),
                cert(Duration.ofDays(89)), "renewed", NOW);
        CertEvent expiring = new CertEvent(CertEvent.EXPIRING, Severity.WARNING, "api", API, null,
                cert(Duration.ofDays(6)), "expires", NOW);

        assertEquals(List.of("re-issued"), Signals.ofEvent(reissue, false).orElseThrow().details());
        assertTrue(Signals.ofEvent(renewal, false).isEmpty());
        assertTrue(Signals.ofEvent(renewal, true).isPresent());
        assertTrue(Signals.ofEvent(expiring, true).isEmpty());
    }
}
