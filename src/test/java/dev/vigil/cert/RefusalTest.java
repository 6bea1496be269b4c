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

/** A default certificate because the CA refuses: when it is the cause, and its sentence. */
class RefusalTest {
    private static final Duration WEEK = Duration.ofHours(168);
    private static final List<String> PAIR = List.of("api.example.com", "www.api.example.com");
    private static final Instant NOW = T0.plus(Duration.ofHours(3));
    private static final Instant NEXT = T0.plus(Duration.ofHours(34));
    private static final Observation DEFAULT = Certs.cert("ff").names("api.example.com")
            .selfSigned("CN=TRAEFIK DEFAULT CERT").unverified().observation();
    private static final Observation LETS_ENCRYPT = Certs.cert("06").names("api.example.com").observation();
    private static final List<Observation> USED_UP = Stream.of("01", "02", "03", "04", "05")
            .map(serial -> Certs.cert(serial).names(PAIR.toArray(String[]::new))
                    .valid(T0.plus(Duration.ofMinutes(30L * Integer.parseInt(serial))), 90).observation())
            .toList();

    private static NameSetUsage served(int left) {
        return new NameSetUsage(PAIR, false, NOW.minusSeconds(60), new LimitUsage(5, left, NEXT,
                left == 0 ? LimitUsage.Level.CRITICAL : LimitUsage.Level.WARNING));
    }

    private static NameSetUsage current(Observation cert) {
        return new NameSetUsage(cert.sans(), true, NOW, new LimitUsage(0, 5, null, LimitUsage.Level.OK));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a self-signed default while the set before is used up", DEFAULT, false, 0, true),
                Arguments.of("a self-signed default while the set before has some left", DEFAULT, false, 1, false),
                Arguments.of("the CA's own certificate for other names", LETS_ENCRYPT, true, 0, false),
                Arguments.of("another CA's certificate that verifies", LETS_ENCRYPT.seenAgain(NOW, true), false, 0,
                        true),
                Arguments.of("the CA's certificate that does not verify", LETS_ENCRYPT.seenAgain(NOW, false), true, 0,
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCauseHoldsForACertificateNotFromTheCaWhileTheSetBeforeIsRefused(String name, Observation current,
            boolean currentCounts, int left, boolean refused) {
        Optional<Refusal> refusal = Refusal.find(current, currentCounts, List.of(current(current), served(left)),
                USED_UP, WEEK, NOW);

        assertEquals(refused, refusal.isPresent());
    }

    @Test
    void nothingKnownIsNoCause() {
        assertEquals(Optional.empty(), Refusal.find(null, false, List.of(), List.of(), WEEK, NOW));
    }

    @Test
    void theSentenceSaysUntilWhenWithTheSerialsAndTimesThatUsedItUpAndTheFix() {
        Refusal refusal = Refusal.find(DEFAULT, false, List.of(current(DEFAULT), served(0)), USED_UP, WEEK, NOW)
                .orElseThrow();

        assertEquals("The CA refuses new certificates for {api.example.com, www.api.example.com} until"
                + " 2026-09-02 10:00 UTC, in 31 h: 5 certificates for them were issued in the last 168 h"
                + " (01 at 2026-09-01 00:30 UTC; 02 at 2026-09-01 01:00 UTC; 03 at 2026-09-01 01:30 UTC;"
                + " 04 at 2026-09-01 02:00 UTC; 05 at 2026-09-01 02:30 UTC), so the ingress serves its default"
                + " certificate. Make its ACME storage persistent (Traefik acme.json, a cert-manager Secret); then wait"
                + " until 2026-09-02 10:00 UTC, or change the set of names.",
                refusal.sentence(LimitPolicy.EXACT_SET, NOW));
    }
}
