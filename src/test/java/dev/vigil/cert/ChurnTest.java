package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.lb.PodStarts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The churn signature: which histories show it, and its cause sentence. */
class ChurnTest {
    private static final Duration WEEK = Duration.ofHours(168);
    private static final String[] PAIR = {"api.example.com", "www.api.example.com"};
    private static final Instant NOW = T0.plus(Duration.ofHours(3));

    /** A 90-day certificate for the pair issued {@code minutes} after T0. */
    private static Observation pair(String serial, long minutes) {
        return issued(serial, minutes, 90);
    }

    private static Observation issued(String serial, long minutes, long days) {
        return Certs.cert(serial).names(PAIR).valid(T0.plus(Duration.ofMinutes(minutes)), days).observation();
    }

    private static NameSetUsage usage(int left) {
        return new NameSetUsage(List.of(PAIR), true, NOW, new LimitUsage(5 - left, left,
                T0.plus(Duration.ofHours(34)), LimitUsage.Level.OK));
    }

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("nothing seen", List.of(), null),
                Arguments.of("one re-issue is not yet a signature", List.of(pair("01", 0), pair("02", 60)), null),
                Arguments.of("two re-issues within hours", List.of(pair("01", 0), pair("02", 60), pair("03", 130)), 3),
                Arguments.of("four re-issues", List.of(pair("01", 0), pair("02", 30), pair("03", 60), pair("04", 90),
                        pair("05", 120)), 5),
                // A renewal at a third of the validity left restarts the run: only what follows it counts.
                Arguments.of("renewals are not churn", List.of(issued("01", -60 * 24 * 120, 90),
                        issued("02", -60 * 24 * 60, 90), pair("03", 0)), null),
                Arguments.of("a 7-day certificate re-issued after 1 day: more than 2/3 left",
                        List.of(issued("01", 0, 7), issued("02", 60 * 24, 7), issued("03", 60 * 48, 7)), null),
                Arguments.of("one certificate issued before the window does not count",
                        List.of(pair("01", -60 * 24 * 8), pair("02", 60), pair("03", 120)), null),
                Arguments.of("a certificate issued after now is not seen yet",
                        List.of(pair("01", 0), pair("02", 60), pair("03", 60 * 4)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void theSignatureIsTwoEarlyReissuesWithinTheWindow(String name, List<Observation> counted, Integer certificates) {
        Optional<Churn> churn = Churn.find(List.of(usage(2)), counted, WEEK, NOW);

        assertEquals(Optional.ofNullable(certificates), churn.map(c -> c.certificates().size()));
    }

    @ParameterizedTest(name = "{0} days of 90 left: early {1}")
    @org.junit.jupiter.params.provider.CsvSource({"89, true", "61, true", "60, true", "31, true", "30, false",
            "1, false"})
    void aReissueIsEarlyWithOverTwoThirdsOrOverThirtyDaysLeft(long daysLeft, boolean early) {
        Observation previous = pair("01", 0);
        Observation next = Certs.cert("02").names(PAIR).valid(previous.notAfter().minus(Duration.ofDays(daysLeft)), 90)
                .observation();

        assertEquals(early, Churn.early(previous, next));
    }

    @Test
    void theSentenceNamesTheSetTheSpanTheLifeLeftTheCauseAndTheLimit() {
        Churn churn = Churn.find(List.of(usage(2)), List.of(pair("01", 0), pair("02", 60), pair("03", 130)), WEEK, NOW)
                .orElseThrow();

        assertEquals("3 certificates for {api.example.com, www.api.example.com} in 2 h 10 m, each about 89 days"
                + " before the previous one would expire: the ingress is requesting a new certificate every time it"
                + " starts; its ACME storage (Traefik acme.json, a cert-manager Secret) is probably not persistent."
                + " 2 of 5 left; the next returns at 2026-09-02 10:00 UTC, in 31 h.",
                churn.sentence(LimitPolicy.EXACT_SET, NOW));
    }

    @Test
    void restartsThatPrecededTheReissuesJoinTheSentenceAndNoneLeaveItAsItWas() {
        Churn churn = Churn.find(List.of(usage(2)), List.of(pair("01", 0), pair("02", 60), pair("03", 130)), WEEK, NOW)
                .orElseThrow();
        PodStarts restarted = new PodStarts("traefik-7d4b9c-x2x9z", List.of(T0.plus(Duration.ofSeconds(3600 - 12)),
                T0.plus(Duration.ofSeconds(130 * 60 - 9))), 2);
        PodStarts quiet = new PodStarts("traefik-7d4b9c-x2x9z", List.of(T0.minus(Duration.ofDays(3))), 0);

        assertEquals("3 certificates for {api.example.com, www.api.example.com} in 2 h 10 m, each about 89 days"
                + " before the previous one would expire: the ingress is requesting a new certificate every time it"
                + " starts; each re-issue was first seen within 12 s after a (re)start of pod traefik-7d4b9c-x2x9z"
                + " (2 restarts); its ACME storage (Traefik acme.json, a cert-manager Secret) is probably not"
                + " persistent. 2 of 5 left; the next returns at 2026-09-02 10:00 UTC, in 31 h.",
                churn.withRestarts(List.of(restarted)).sentence(LimitPolicy.EXACT_SET, NOW));
        assertEquals(churn.sentence(LimitPolicy.EXACT_SET, NOW),
                churn.withRestarts(List.of(quiet)).sentence(LimitPolicy.EXACT_SET, NOW));
    }

    @Test
    void withNoneLeftTheSentenceSaysUntilWhenTheCaRefuses() {
        assertEquals("0 of 5 left: the CA refuses new certificates for them until 2026-09-02 10:00 UTC, in 31 h.",
                Churn.left(LimitPolicy.EXACT_SET, usage(0).usage(), NOW));
    }
}
