package dev.vigil.cert;

import static dev.vigil.cert.Certs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sets of names a CA's limit applies to: none of whose certificates a CA issued claims no limit. */
class NameSetUsageTest {
    private static final List<String> API = List.of("api.example.com");
    private static final List<String> DEFAULT = List.of("6f3b.traefik.default");

    private static Observation cert(String serial, String issuer, String subject, List<String> names) {
        return new Observation(serial, issuer, subject, names, T0, T0.plus(Duration.ofDays(90)), "aa", List.of(),
                true, T0, T0);
    }

    @Test
    void aSetServedOnlyWithCertificatesNoWatchedCaIssuedClaimsNoLimit() {
        Observation letsEncrypt = cert("01", "CN=R11,O=Let's Encrypt,C=US", "CN=api.example.com", API);
        Observation selfSigned = cert("02", "CN=TRAEFIK DEFAULT CERT", "CN=TRAEFIK DEFAULT CERT", DEFAULT);
        Observation selfSignedApi = cert("03", "CN=api.example.com", "CN=api.example.com", API);
        Observation zeroSsl = cert("04", "CN=ZeroSSL RSA,O=ZeroSSL,C=AT", "CN=api.example.com", API);
        List<Instant> none = List.of();
        record Case(List<Observation> seen, List<String> names, List<Instant> issued, String expected) {
        }
        for (Case c : List.of(
                new Case(List.of(letsEncrypt, selfSigned), DEFAULT, none, "self-signed"),
                new Case(List.of(letsEncrypt, selfSigned), API, List.of(T0), null),
                // Counted once, even if none is in the window now.
                new Case(List.of(letsEncrypt, selfSignedApi), API, none, null),
                new Case(List.of(selfSignedApi), API, none, "self-signed"),
                // CT found a certificate the CA issued for a set only ever served self-signed: the limit applies.
                new Case(List.of(selfSignedApi), API, List.of(T0), null),
                new Case(List.of(zeroSsl), API, none, "ZeroSSL"),
                new Case(List.of(), API, none, null))) {
            assertEquals(c.expected(), NameSetUsage.uncounted(c.seen(), c.names(), c.issued(),
                    issuance -> LimitIssuers.counts(CertSettings.LETS_ENCRYPT, issuance)), c.toString());
        }
    }

    @Test
    void aSetNoWatchedCaIssuedSaysSoInsteadOfACountAndInTheAlertsFacts() {
        LimitUsage unused = new LimitUsage(0, 5, null, LimitUsage.Level.OK);
        NameSetUsage selfSigned = new NameSetUsage(DEFAULT, true, T0, unused, List.of(), "self-signed");
        NameSetUsage zeroSsl = new NameSetUsage(API, true, T0, unused, List.of(), "ZeroSSL");
        NameSetUsage counted = new NameSetUsage(API, true, T0, unused);

        assertEquals("self-signed: no CA limit", selfSigned.noLimit());
        assertEquals("issued by ZeroSSL: no limit watched for this issuer", zeroSsl.noLimit());
        assertNull(counted.noLimit());
        assertEquals("self-signed: no CA limit", DuplicateLimit.fact(LimitPolicy.EXACT_SET, selfSigned, T0));
        assertEquals("5 of 5 left", DuplicateLimit.fact(LimitPolicy.EXACT_SET, counted, T0));
    }
}
