package dev.vigil.cert;

import static dev.vigil.cert.Handshakes.NAMES;
import static dev.vigil.cert.Handshakes.letsEncrypt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.testing.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CertTrackerTest {
    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    private static final Endpoint API = Endpoint.of(URI.create("https://api.example.com/healthz"));
    private static final CertSettings WITH_CT = new CertSettings(true, RenewalWindow.DEFAULT,
            CertSettings.DEFAULT_EXPIRY_WARNING_DAYS, LimitPolicy.EXACT_SET, null, LimitPolicy.REGISTERED_DOMAIN,
            new CtSettings(true, URI.create("http://127.0.0.1:1/"), Duration.ofHours(1), Duration.ofSeconds(5)),
            CertSettings.LETS_ENCRYPT, null);

    private final FakeClock clock = new FakeClock(START);
    private final List<CertEvent> events = new ArrayList<>();

    private CertTracker tracker(Map<String, EndpointHistory> histories, CtLookup ct) {
        return new CertTracker(histories, clock, events::add, ct, Runnable::run);
    }

    @Test
    void fiveIssuancesOfOneNameSetRunTheLimitDryAndEachLevelIsToldOnce() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        Instant firstIssued = START.minus(Duration.ofHours(1));
        CertStatus status = null;
        for (int i = 1; i <= 5; i++) {
            status = tracker.record("api", API, CertSettings.DEFAULT, letsEncrypt("0" + i, firstIssued.plusSeconds(60L * i)));
            clock.advance(Duration.ofMinutes(10));
        }

        assertEquals(List.of("reissue", "reissue", "duplicate_limit", "reissue", "reissue", "duplicate_limit"),
                events.stream().map(CertEvent::kind).toList());
        assertEquals(List.of(Severity.WARNING, Severity.CRITICAL), events.stream()
                .filter(e -> e.kind().equals(CertEvent.DUPLICATE_LIMIT)).map(CertEvent::severity).toList());
        assertEquals(5, status.exactSet().issuedInWindow());
        assertEquals(0, status.exactSet().tokensLeft());
        assertEquals(firstIssued.plusSeconds(60).plus(Duration.ofHours(34)), status.exactSet().nextTokenAt());
        assertEquals("example.com", status.registeredDomain());
        assertEquals(45, status.registeredDomainUsage().tokensLeft());
    }

    /**
     * The incident: the same two names re-issued four times within hours, then the ingress falls back to its
     * self-signed default certificate for one name. The exhausted set stays in view, and the default certificate
     * counts against no limit.
     */
    @Test
    void afterAFallbackToTheDefaultCertificateTheExhaustedSetStaysInViewAndTheDefaultCountsNowhere() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        List<String> pair = List.of("api.example.com", "www.api.example.com");
        Instant firstIssued = START.minus(Duration.ofHours(1));
        for (int i = 1; i <= 5; i++) {
            tracker.record("api", API, CertSettings.DEFAULT, Handshakes.tls("0" + i, Handshakes.LETS_ENCRYPT, pair,
                    firstIssued.plusSeconds(60L * i), firstIssued.plus(Duration.ofDays(90)), true));
            clock.advance(Duration.ofMinutes(10));
        }
        events.clear();

        CertStatus status = tracker.record("api", API, CertSettings.DEFAULT,
                Handshakes.selfSigned("ff", List.of("api.example.com"), clock.instant()));

        assertEquals(List.of("api.example.com"), status.nameSets().getFirst().names());
        assertEquals(new LimitUsage(0, 5, null, LimitUsage.Level.OK), status.exactSet());
        // The default certificate's set claims no CA limit: no CA issued it.
        assertEquals("self-signed", status.nameSets().getFirst().uncounted());
        NameSetUsage exhausted = status.limiting();
        // The instants counted come along for a chart, oldest first.
        assertEquals(new NameSetUsage(pair, false, START.plus(Duration.ofMinutes(40)), new LimitUsage(5, 0,
                firstIssued.plusSeconds(60).plus(Duration.ofHours(34)), LimitUsage.Level.CRITICAL),
                List.of(firstIssued.plusSeconds(60), firstIssued.plusSeconds(120), firstIssued.plusSeconds(180),
                        firstIssued.plusSeconds(240), firstIssued.plusSeconds(300)), null), exhausted);
        assertEquals(List.of(exhausted), status.nameSets().subList(1, 2));
        assertEquals(5, status.registeredDomainUsage().issuedInWindow());
        assertEquals(45, status.registeredDomainUsage().tokensLeft());
        // The limit stays critical: no event says it recovered.
        assertEquals(List.of(), events.stream().filter(e -> e.kind().equals(CertEvent.DUPLICATE_LIMIT)).toList());
        assertEquals(status, tracker.status(API, CertSettings.DEFAULT));
    }

    @Test
    void aPagesReadOfTheEndpointsAProbeReachedPutsTheLastRunsFirstThenTheNewestAndCountsThemAll() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        List<Endpoint> endpoints = List.of(API, Endpoint.of(URI.create("https://www.example.com/")),
                Endpoint.of(URI.create("https://login.example.com/")),
                Endpoint.of(URI.create("https://cdn.example.com/")));
        for (int i = 0; i < endpoints.size(); i++) {
            tracker.record("api", endpoints.get(i), CertSettings.DEFAULT, letsEncrypt("0" + i, START));
            clock.advance(Duration.ofMinutes(1));
        }
        tracker.record("other", Endpoint.of(URI.create("https://other.example.com/")), CertSettings.DEFAULT,
                letsEncrypt("09", START));

        CertTracker.Reached reached = tracker.reachedBy("api", API, 3);

        assertEquals(List.of(API.key(), "cdn.example.com:443", "login.example.com:443"),
                reached.shown().stream().map(history -> history.endpoint().key()).toList());
        assertEquals(4, reached.total());
        assertEquals(List.of("cdn.example.com:443"), tracker.reachedBy("api", null, 1).shown().stream()
                .map(history -> history.endpoint().key()).toList());
        assertEquals(CertTracker.Reached.NONE, tracker.reachedBy("nobody", API, 8));
    }

    /** The incident's two causes, as the tracker's status carries them: the churn while re-issued, the refusal after. */
    @Test
    void theChurnShowsFromTheThirdCertificateAndTheRefusalAfterTheFallback() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        List<String> pair = List.of("api.example.com", "www.api.example.com");
        Instant firstIssued = START.minus(Duration.ofHours(1));
        List<Integer> churned = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            CertStatus status = tracker.record("api", API, CertSettings.DEFAULT, Handshakes.tls("0" + i,
                    Handshakes.LETS_ENCRYPT, pair, firstIssued.plusSeconds(60L * i),
                    firstIssued.plusSeconds(60L * i).plus(Duration.ofDays(90)), true));
            churned.add(status.churn() == null ? 0 : status.churn().certificates().size());
            assertNull(status.refusal());
            clock.advance(Duration.ofMinutes(10));
        }
        assertEquals(List.of(0, 0, 3, 4, 5), churned);

        CertStatus fallback = tracker.record("api", API, CertSettings.DEFAULT,
                Handshakes.selfSigned("ff", List.of("api.example.com"), clock.instant()));

        assertEquals(pair, fallback.refusal().set().names());
        assertEquals(List.of("01", "02", "03", "04", "05"), fallback.refusal().usedBy().stream()
                .map(Observation::serialHex).toList());
        assertEquals(pair, fallback.churn().set().names());
    }

    /** A default certificate generated anew on every start is no CA's: it neither churns nor uses up a limit. */
    @Test
    void selfSignedCertificatesGeneratedOnEveryStartAreNoChurn() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        CertStatus status = null;
        for (int i = 1; i <= 4; i++) {
            status = tracker.record("api", API, CertSettings.DEFAULT,
                    Handshakes.selfSigned("f" + i, NAMES, clock.instant()));
            clock.advance(Duration.ofMinutes(10));
        }

        assertNull(status.churn());
        assertNull(status.refusal());
    }

    @Test
    void aSelfSignedCertificateForTheSameNamesIsNotCounted() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        tracker.record("api", API, CertSettings.DEFAULT, letsEncrypt("01", START.minus(Duration.ofHours(1))));
        clock.advance(Duration.ofMinutes(5));

        CertStatus status = tracker.record("api", API, CertSettings.DEFAULT, Handshakes.selfSigned("ff", NAMES, START));

        assertEquals(1, status.nameSets().size());
        assertEquals(1, status.exactSet().issuedInWindow());
        assertEquals(4, status.exactSet().tokensLeft());
        assertEquals(1, status.registeredDomainUsage().issuedInWindow());
    }

    @Test
    void transparencyLogCertificatesOfAnotherCaAreNotCounted() {
        Instant issued = START.minus(Duration.ofHours(5));
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of(
                Issuance.logged("0b", issued, NAMES, "C=US, O=Let's Encrypt, CN=R11"),
                Issuance.logged("0c", issued.plusSeconds(60), NAMES, "C=AT, O=ZeroSSL, CN=ZeroSSL ECC Domain Secure Site CA")));

        tracker.record("api", API, WITH_CT, letsEncrypt("0a", issued));
        CertStatus status = tracker.status(API, WITH_CT);

        assertEquals(2, status.exactSet().issuedInWindow());
        assertEquals(List.of("0b"), tracker.snapshot().get(API.key()).ctIssuances().stream()
                .map(Issuance::serialHex).toList());
    }

    @Test
    void theLastCertificateSeenStaysKnownWhenAHandshakeFails() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        tracker.record("api", API, CertSettings.DEFAULT, letsEncrypt("01", START.minus(Duration.ofDays(3))));
        clock.advance(Duration.ofMinutes(5));

        CertStatus status = tracker.record("api", API, CertSettings.DEFAULT, null);

        assertEquals("01", status.current().serialHex());
        assertEquals(START, status.current().lastSeen());
        assertEquals(List.of(), events);
    }

    @Test
    void certificatesFromTransparencyLogsCountOnceAndTheLogsAreAskedOncePerInterval() {
        AtomicInteger asked = new AtomicInteger();
        Instant issued = START.minus(Duration.ofHours(5));
        CertTracker tracker = tracker(Map.of(), (settings, names) -> {
            asked.incrementAndGet();
            // The certificate the handshake shows, as crt.sh writes its serial, and two never seen.
            return List.of(new Issuance("0A", issued, NAMES), new Issuance("0b", issued.plusSeconds(60), NAMES),
                    new Issuance("0c", issued.plusSeconds(120), NAMES));
        });

        CertStatus first = tracker.record("api", API, WITH_CT, letsEncrypt("0a", issued));
        clock.advance(Duration.ofMinutes(59));
        tracker.record("api", API, WITH_CT, null);
        clock.advance(Duration.ofMinutes(1));
        tracker.record("api", API, WITH_CT, null);

        assertEquals(3, first.exactSet().issuedInWindow());
        assertEquals(2, first.exactSet().tokensLeft());
        assertEquals(List.of(CertEvent.DUPLICATE_LIMIT), events.stream().map(CertEvent::kind).toList());
        assertEquals(2, asked.get());
        assertEquals(START.plus(Duration.ofHours(1)), tracker.snapshot().get(API.key()).ctQueriedAt());
    }

    @Test
    void aFailingTransparencyLookupIsCountedAndTheHandshakeStillRecorded() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> {
            throw new IOException("crt.sh answered 502 Bad Gateway for q=api.example.com");
        });

        CertStatus status = tracker.record("api", API, WITH_CT, letsEncrypt("01", START.minus(Duration.ofDays(1))));

        assertEquals(1, tracker.ctErrors());
        assertEquals(1, status.exactSet().issuedInWindow());
    }

    @Test
    void whyTransparencyLogsCouldNotBeAskedIsKnownSinceTheFirstFailureUntilTheyAnswer() {
        List<String> failures = new ArrayList<>(List.of("crt.sh answered 502 Bad Gateway for q=api.example.com",
                "crt.sh did not answer q=api.example.com within 5s"));
        CertTracker tracker = tracker(Map.of(), (settings, names) -> {
            if (failures.isEmpty()) {
                return List.of();
            }
            throw new IOException(failures.removeFirst());
        });
        var cert = letsEncrypt("01", START.minus(Duration.ofDays(1)));

        CertStatus first = tracker.record("api", API, WITH_CT, cert);
        clock.advance(Duration.ofHours(1));
        CertStatus second = tracker.record("api", API, WITH_CT, cert);
        CtFailure kept = tracker.snapshot().get(API.key()).ctFailure();
        clock.advance(Duration.ofHours(1));
        CertStatus answered = tracker.record("api", API, WITH_CT, cert);

        assertEquals(new CtFailure(START, "crt.sh answered 502 Bad Gateway for q=api.example.com"), first.ctFailure());
        assertEquals("could not be asked since 2026-11-25T09:00:00Z: crt.sh did not answer q=api.example.com within 5s",
                second.ctFailure().text());
        assertEquals(second.ctFailure(), kept, "kept in the state file");
        assertNull(answered.ctFailure());
        assertNull(tracker.snapshot().get(API.key()).ctFailure());
        assertNull(tracker.status(API, CertSettings.DEFAULT).ctFailure(), "not told where CT is not asked");
        assertEquals(2, tracker.ctErrors());
    }

    @Test
    void aTrackerBuiltFromASnapshotKnowsWhatTheFirstOneKnew() {
        CertTracker first = tracker(Map.of(), (settings, names) -> List.of());
        Instant issued = START.minus(Duration.ofHours(2));
        first.record("api", API, CertSettings.DEFAULT, letsEncrypt("01", issued));
        clock.advance(Duration.ofMinutes(1));
        first.record("api", API, CertSettings.DEFAULT, letsEncrypt("02", issued.plusSeconds(30)));

        CertTracker second = tracker(first.snapshot(), (settings, names) -> List.of());
        CertStatus status = second.status(API, CertSettings.DEFAULT);

        assertEquals("02", status.current().serialHex());
        assertEquals(START.plus(Duration.ofMinutes(1)), status.current().firstSeen());
        assertEquals(2, status.exactSet().issuedInWindow());
        assertEquals(List.of(ChangeKind.REISSUE), first.snapshot().get(API.key()).changes().stream()
                .map(CertChange::kind).toList());
    }

    /**
     * 70 days into a 90-day life, past the renewal window opened at 60: renewal is failing while neither the endpoint
     * nor CT shows anything newer, and is not once CT lists a newer certificate for the names; an hour after that one
     * became valid, it is a newer certificate the endpoint does not serve.
     */
    @Test
    void renewalIsFailingPastTheWindowUntilCtListsANewerCertificateWhichIsThenNotServed() {
        Instant issued = START.minus(Duration.ofDays(70));
        List<List<Issuance>> answers = new ArrayList<>(List.of(List.of(new Issuance("01", issued, NAMES)),
                List.of(new Issuance("01", issued, NAMES), new Issuance("02", START.plusSeconds(600), NAMES))));
        CertTracker tracker = tracker(Map.of(), (settings, names) -> answers.removeFirst());
        var cert = letsEncrypt("01", issued);

        CertStatus failing = tracker.record("api", API, WITH_CT, cert);
        CertStatus withoutCt = tracker.status(API, CertSettings.DEFAULT);
        clock.advance(Duration.ofHours(1));
        CertStatus newerInCt = tracker.record("api", API, WITH_CT, cert);

        assertEquals("renewal is failing: the certificate for {api.example.com, www.example.com} (serial 01, issued"
                + " 2026-09-16 09:00 UTC) is past its renewal window since 2026-11-15 09:00 UTC, 10 d ago, and no newer"
                + " certificate was seen at the endpoint or in CT; it expires at 2026-12-15 09:00 UTC, in 20 d. Check"
                + " the ingress's ACME client logs (Traefik, cert-manager) for the CA's error.",
                failing.renewalFailing().sentence(START));
        assertEquals(false, withoutCt.renewalFailing().ctAnswered(), "CT not asked: only the endpoint is claimed");
        assertNull(newerInCt.renewalFailing());
        assertNull(failing.notServed());
        assertNull(newerInCt.notServed(), "within the hour a newer certificate may take to be loaded");
        clock.advance(Duration.ofMinutes(20));
        assertEquals("a newer certificate for {api.example.com, www.example.com} was issued at 2026-11-25 09:10 UTC,"
                + " 1 h 10 m ago (serial 02, found in CT) but the endpoint still serves serial 01 issued at 2026-09-16"
                + " 09:00 UTC: the ingress did not load it — restart or reload the ingress, or check that its"
                + " certificate store is the one it reads.", tracker.status(API, WITH_CT).notServed()
                .sentence(clock.instant()));
    }

    @Test
    void expiryWarningsAreToldOncePerThresholdCrossed() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        // 80 days into a 90-day life: 10 days left, inside the 14-day threshold.
        var cert = letsEncrypt("01", START.minus(Duration.ofDays(80)));
        tracker.record("api", API, CertSettings.DEFAULT, cert);
        clock.advance(Duration.ofDays(1));
        tracker.record("api", API, CertSettings.DEFAULT, cert);
        clock.advance(Duration.ofDays(2));
        tracker.record("api", API, CertSettings.DEFAULT, cert);

        assertEquals(List.of(CertEvent.EXPIRING, CertEvent.EXPIRING), events.stream().map(CertEvent::kind).toList());
        assertEquals(7, tracker.snapshot().get(API.key()).expiryWarned());
    }

    @Test
    void aProbeThatDoesNotTrackCertificatesLeavesNoHistory() {
        CertTracker tracker = tracker(Map.of(), (settings, names) -> List.of());
        CertSettings off = new CertSettings(false, RenewalWindow.DEFAULT, List.of(30), LimitPolicy.EXACT_SET, null,
                LimitPolicy.REGISTERED_DOMAIN, CtSettings.DEFAULT, CertSettings.LETS_ENCRYPT, null);

        assertSame(CertStatus.UNKNOWN, tracker.record("api", API, off, letsEncrypt("01", START)));
        assertNull(tracker.snapshot().get(API.key()));
    }
}
