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

/** Issued but not served: when it is the cause, and its sentence. */
class NotServedTest {
    private static final List<String> PAIR = List.of("api.example.com", "www.api.example.com");
    private static final Observation SERVED = Certs.cert("04a1").names(PAIR.toArray(String[]::new)).valid(T0, 90)
            .observation();
    private static final Instant RENEWED_AT = T0.plus(Duration.ofDays(60));
    private static final Instant NOW = RENEWED_AT.plus(Duration.ofHours(2));
    private static final Issuance RENEWED = new Issuance("05b2", RENEWED_AT, PAIR);
    private static final Observation RENEWED_SEEN = Certs.cert("05B2").names(PAIR.toArray(String[]::new))
            .valid(RENEWED_AT, 90).observation();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a newer one in CT, unserved for 2 h", List.of(SERVED),
                        List.of(new Issuance("04a1", T0, PAIR), RENEWED), NOW, "05b2"),
                Arguments.of("CT not answered", List.of(SERVED), null, NOW, null),
                Arguments.of("CT lists only the served one", List.of(SERVED), List.of(new Issuance("04A1", T0, PAIR)),
                        NOW, null),
                Arguments.of("within the hour's grace", List.of(SERVED), List.of(RENEWED),
                        RENEWED_AT.plus(NotServed.GRACE), null),
                Arguments.of("the newer one was served here before (serial case and zeros differ)",
                        List.of(SERVED, RENEWED_SEEN), List.of(new Issuance("0005b2", RENEWED_AT, PAIR)), NOW, null),
                Arguments.of("a newer one for other names", List.of(SERVED),
                        List.of(new Issuance("0c", RENEWED_AT, List.of("api.example.com"))), NOW, null),
                Arguments.of("an older one in CT", List.of(SERVED),
                        List.of(new Issuance("03", T0.minus(Duration.ofDays(60)), PAIR)), NOW, null),
                Arguments.of("two newer ones: the latest is told", List.of(SERVED),
                        List.of(RENEWED, new Issuance("06c3", RENEWED_AT.plusSeconds(60), PAIR)), NOW, "06c3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCauseHoldsForANewerCertificateInCtNeverServedAfterTheGrace(String name, List<Observation> seen,
            List<Issuance> logged, Instant now, String newer) {
        Optional<NotServed> found = NotServed.find(seen.getFirst(), seen, logged, now);

        assertEquals(Optional.ofNullable(newer), found.map(f -> f.newer().serialHex()));
    }

    @Test
    void theSentenceNamesTheNewerCertificateTheServedOneAndWhatToDo() {
        assertEquals("a newer certificate for {api.example.com, www.api.example.com} was issued at 2026-10-31 00:00"
                + " UTC, 2 h ago (serial 05b2, found in CT) but the endpoint still serves serial 04a1 issued at"
                + " 2026-09-01 00:00 UTC: the ingress did not load it — restart or reload the ingress, or check that"
                + " its certificate store is the one it reads.", new NotServed(SERVED, RENEWED).sentence(NOW));
    }
}
