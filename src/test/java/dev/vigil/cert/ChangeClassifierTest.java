package dev.vigil.cert;

import static dev.vigil.cert.Certs.INGRESS_FAKE;
import static dev.vigil.cert.Certs.LE_E5;
import static dev.vigil.cert.Certs.LE_R11;
import static dev.vigil.cert.Certs.T0;
import static dev.vigil.cert.Certs.cert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of change between the certificate served before and the one served now. */
class ChangeClassifierTest {
    private static final Certs OLD = cert("04ab");
    /** The default window of a 90-day certificate opens 60 days into it. */
    private static final Instant WINDOW_OPENS = T0.plus(Duration.ofDays(60));
    private static final String ZEROSSL = "CN=ZeroSSL ECC Domain Secure Site CA,O=ZeroSSL,C=AT";

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("same certificate seen again", OLD, OLD.seen(T0.plus(Duration.ofDays(5))), ""),
                Arguments.of("renewed exactly when the window opens", OLD, cert("03cd").valid(WINDOW_OPENS, 90),
                        "renewal:info"),
                Arguments.of("replaced a second before the window opens", OLD,
                        cert("03cd").valid(WINDOW_OPENS.minusSeconds(1), 90), "reissue:warning"),
                Arguments.of("replaced after a restart on day 28", OLD, cert("03cd").valid(T0.plus(Duration.ofDays(28)), 90),
                        "reissue:warning"),
                Arguments.of("renewed only after the old one expired", OLD,
                        cert("03cd").valid(T0.plus(Duration.ofDays(95)), 90), "renewal:info"),
                Arguments.of("Let's Encrypt R10 to R11 is one issuer", OLD,
                        cert("03cd").issuer(LE_R11).valid(WINDOW_OPENS, 90), "renewal:info"),
                Arguments.of("Let's Encrypt R10 to E5 is one issuer", OLD,
                        cert("03cd").issuer(LE_E5).valid(T0.plus(Duration.ofDays(3)), 90), "reissue:warning"),
                Arguments.of("another public CA", OLD, cert("03cd").issuer(ZEROSSL).valid(WINDOW_OPENS, 90),
                        "issuer_changed:warning"),
                Arguments.of("ingress fell back to its self-signed default", OLD,
                        cert("7f").selfSigned(INGRESS_FAKE).unverified().valid(T0.plus(Duration.ofDays(10)), 365),
                        "issuer_changed:critical"),
                Arguments.of("the self-signed default regenerated on restart", cert("7f").selfSigned(INGRESS_FAKE),
                        cert("80").selfSigned(INGRESS_FAKE).valid(T0.plus(Duration.ofDays(1)), 365),
                        "reissue:warning"),
                Arguments.of("issuers without an organisation compare by DN", cert("04ab").issuer("CN=Internal CA"),
                        cert("03cd").issuer("CN=Other CA").valid(WINDOW_OPENS, 90), "issuer_changed:warning"),
                Arguments.of("a name added", OLD,
                        cert("03cd").names("api.example.com", "www.example.com").valid(WINDOW_OPENS, 90),
                        "names_changed:warning"),
                Arguments.of("names no longer covering the host", OLD,
                        cert("03cd").names("www.example.com").unverified().valid(WINDOW_OPENS, 90),
                        "names_changed:critical"),
                Arguments.of("default certificate: other issuer and other names", OLD,
                        cert("7f").selfSigned(INGRESS_FAKE).names("ingress.local").unverified()
                                .valid(T0.plus(Duration.ofDays(10)), 365),
                        "issuer_changed:critical names_changed:critical"),
                Arguments.of("re-issued for a shorter life", OLD, cert("03cd").valid(T0.plus(Duration.ofDays(10)), 45),
                        "reissue:warning expiry_earlier:warning"),
                Arguments.of("renewed for a shorter life", OLD, cert("03cd").valid(T0.plus(Duration.ofDays(70)), 6),
                        "renewal:info expiry_earlier:warning"),
                Arguments.of("other issuer expiring sooner", OLD,
                        cert("03cd").issuer(ZEROSSL).valid(T0.plus(Duration.ofDays(70)), 7),
                        "issuer_changed:warning expiry_earlier:warning"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void classifiesTheChange(String situation, Certs old, Certs current, String expected) {
        List<CertChange> changes = ChangeClassifier.classify(old.observation(), current.observation(),
                RenewalWindow.DEFAULT);

        assertEquals(expected, String.join(" ",
                changes.stream().map(c -> c.kind().id() + ":" + c.severity().id()).toList()));
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(cert("03cd").valid(T0.plus(Duration.ofDays(28)), 90),
                        "certificate re-issued 62 days before the old one expired: serial 04ab replaced by 03cd"
                                + " (same names, same issuer Let's Encrypt)"),
                Arguments.of(cert("03cd").valid(T0.plus(Duration.ofDays(95)), 90),
                        "certificate renewed 5 days after the old one expired: serial 04ab replaced by 03cd"
                                + " (same names, same issuer Let's Encrypt)"),
                Arguments.of(cert("7f").selfSigned(INGRESS_FAKE).unverified().valid(T0.plus(Duration.ofDays(10)), 365),
                        "issuer changed from Let's Encrypt to self-signed (" + INGRESS_FAKE + "), which does not verify:"
                                + " serial 04ab replaced by 7f"),
                Arguments.of(cert("03cd").names("www.example.com", "example.com").valid(WINDOW_OPENS, 90),
                        "names changed (added example.com, www.example.com; removed api.example.com): serial 04ab"
                                + " replaced by 03cd"),
                Arguments.of(cert("03cd").issuer(ZEROSSL).valid(WINDOW_OPENS, 90),
                        "issuer changed from Let's Encrypt to ZeroSSL (" + ZEROSSL + "): serial 04ab replaced by 03cd"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void firstChangeSaysWhatHappenedInOneSentence(Certs current, String expected) {
        assertEquals(expected, ChangeClassifier.classify(OLD.observation(), current.observation(), RenewalWindow.DEFAULT)
                .getFirst().message());
    }

    @Test
    void earlierExpiryNamesBothDates() {
        Instant renewedAt = T0.plus(Duration.ofDays(70));

        List<CertChange> changes = ChangeClassifier.classify(OLD.observation(),
                cert("03cd").valid(renewedAt, 6).observation(), RenewalWindow.DEFAULT);

        assertEquals(new CertChange(renewedAt, ChangeKind.EXPIRY_EARLIER, Severity.WARNING, "04ab", "03cd",
                "new certificate expires 2026-11-16T00:00:00Z, 14 days before the old one would have"
                        + " (2026-11-30T00:00:00Z): serial 04ab replaced by 03cd"), changes.getLast());
    }
}
