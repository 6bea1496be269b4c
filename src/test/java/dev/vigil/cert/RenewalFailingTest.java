package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Renewal failing: when it is the cause, and its sentence. */
class RenewalFailingTest {
    private static final List<String> PAIR = List.of("api.example.com", "www.api.example.com");
    /** Issued at T0 for 90 days: due for renewal from T0 + 60 d (the last third). */
    private static final Observation SERVED = Certs.cert("04a1").names(PAIR.toArray(String[]::new)).valid(T0, 90)
            .observation();
    private static final Instant DUE = T0.plus(Duration.ofDays(60));
    private static final Instant NOW = T0.plus(Duration.ofDays(72));
    private static final Observation RENEWED = Certs.cert("05b2").names(PAIR.toArray(String[]::new))
            .valid(DUE.plus(Duration.ofDays(1)), 90).observation();
    private static final Observation OTHER_NAMES = Certs.cert("0c").names("api.example.com")
            .valid(DUE.plus(Duration.ofDays(1)), 90).observation();
    private static final Observation DEFAULT = Certs.cert("ff").names(PAIR.toArray(String[]::new))
            .selfSigned("CN=TRAEFIK DEFAULT CERT").valid(T0, 90).unverified().observation();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("before its renewal window", SERVED, true, List.of(SERVED), null,
                        DUE.minusSeconds(1), false),
                Arguments.of("in its window, nothing newer, CT not asked", SERVED, true, List.of(SERVED), null, NOW,
                        true),
                Arguments.of("in its window, CT answered with nothing newer", SERVED, true, List.of(SERVED),
                        List.of(Issuance.of(SERVED)), NOW, true),
                Arguments.of("at the window's opening", SERVED, true, List.of(SERVED), null, DUE, true),
                Arguments.of("a newer one for the same names seen at the endpoint", SERVED, true,
                        List.of(SERVED, RENEWED), null, NOW, false),
                Arguments.of("a newer one for other names seen at the endpoint", SERVED, true,
                        List.of(SERVED, OTHER_NAMES), null, NOW, true),
                Arguments.of("a newer one for the same names in CT", SERVED, true, List.of(SERVED),
                        List.of(Issuance.of(SERVED), Issuance.of(RENEWED)), NOW, false),
                Arguments.of("a newer one for other names in CT", SERVED, true, List.of(SERVED),
                        List.of(Issuance.of(OTHER_NAMES)), NOW, true),
                Arguments.of("expired, still nothing newer", SERVED, true, List.of(SERVED), null,
                        T0.plus(Duration.ofDays(91)), true),
                Arguments.of("a default certificate the CA did not issue", DEFAULT, false, List.of(DEFAULT), null,
                        NOW, false),
                Arguments.of("no certificate", null, false, List.of(), null, NOW, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCauseHoldsForTheCasCertificatePastItsWindowWithNothingNewer(String name, Observation current,
            boolean currentCounts, List<Observation> seen, List<Issuance> logged, Instant now, boolean failing) {
        Optional<RenewalFailing> found = RenewalFailing.find(current, currentCounts, seen, logged,
                RenewalWindow.DEFAULT, now);

        assertEquals(failing, found.isPresent());
        found.ifPresent(f -> assertEquals(DUE, f.dueSince()));
        found.ifPresent(f -> assertEquals(logged != null, f.ctAnswered()));
    }

    @Test
    void theSentenceNamesTheCertificateTheWindowAndTheExpiryAndSaysWhereToLook() {
        assertEquals("renewal is failing: the certificate for {api.example.com, www.api.example.com} (serial 04a1,"
                + " issued 2026-09-01 00:00 UTC) is past its renewal window since 2026-10-31 00:00 UTC, 12 d ago, and"
                + " no newer certificate was seen at the endpoint or in CT; it expires at 2026-11-30 00:00 UTC, in"
                + " 18 d. Check the ingress's ACME client logs (Traefik, cert-manager) for the CA's error.",
                new RenewalFailing(SERVED, DUE, true).sentence(NOW));
    }

    @Test
    void withoutCtTheSentenceClaimsOnlyTheEndpointAndAnExpiredCertificateExpired() {
        assertEquals("renewal is failing: the certificate for {api.example.com, www.api.example.com} (serial 04a1,"
                + " issued 2026-09-01 00:00 UTC) is past its renewal window since 2026-10-31 00:00 UTC, 31 d ago, and"
                + " no newer certificate was seen at the endpoint; it expired at 2026-11-30 00:00 UTC, 24 h ago."
                + " Check the ingress's ACME client logs (Traefik, cert-manager) for the CA's error.",
                new RenewalFailing(SERVED, DUE, false).sentence(T0.plus(Duration.ofDays(91))));
    }
}
