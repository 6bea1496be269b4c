package dev.vigil.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which certificates count against the limits of the CA a probe's limits model. */
class LimitIssuersTest {
    @ParameterizedTest(name = "issuer {0}, subject {1}, limits of {2}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            CN=R11,O=Let's Encrypt,C=US                            | CN=api.example.com      | Let's Encrypt;(STAGING) Let's Encrypt | true
            CN=E5,O=Let's Encrypt,C=US                             | CN=api.example.com      | Let's Encrypt;(STAGING) Let's Encrypt | true
            CN=(STAGING) Ersatz Edamame E1,O=(STAGING) Let's Encrypt,C=US | CN=api.example.com | Let's Encrypt;(STAGING) Let's Encrypt | true
            CN=R11,O=LET'S ENCRYPT,C=US                            | CN=api.example.com      | Let's Encrypt                         | true
            CN=ZeroSSL ECC Domain Secure Site CA,O=ZeroSSL,C=AT    | CN=api.example.com      | Let's Encrypt;(STAGING) Let's Encrypt | false
            CN=ZeroSSL ECC Domain Secure Site CA,O=ZeroSSL,C=AT    | CN=api.example.com      | ZeroSSL                               | true
            CN=Vigil Test Root                                     | CN=api.example.com      | Let's Encrypt                         | false
            CN=Vigil Test Root                                     | CN=api.example.com      | CN=Vigil Test Root                    | true
            CN=TRAEFIK DEFAULT CERT                                | CN=TRAEFIK DEFAULT CERT | Let's Encrypt                         | false
            CN=TRAEFIK DEFAULT CERT                                | CN=TRAEFIK DEFAULT CERT | CN=TRAEFIK DEFAULT CERT               | false
            CN=Fake,O=Let's Encrypt                                | CN=Fake,O=Let's Encrypt | Let's Encrypt                         | false
            """)
    void aCertificateCountsOnlyWhenTheModelledCaIssuedIt(String issuer, String subject, String issuers,
            boolean counts) {
        Observation cert = Certs.cert("01").issuer(issuer).observation();
        Observation withSubject = new Observation(cert.serialHex(), issuer, subject, cert.sans(), cert.notBefore(),
                cert.notAfter(), cert.sha256(), cert.chainIssuers(), cert.verified(), cert.firstSeen(), cert.lastSeen());

        assertEquals(counts, LimitIssuers.counts(Arrays.asList(issuers.split(";")), Issuance.of(withSubject)));
    }

    @ParameterizedTest(name = "CT lists issuer {0}: counts for Let's Encrypt {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            C=US, O=Let's Encrypt, CN=R11   | true
            C=US, O=ZeroSSL, CN=ZeroSSL RSA | false
            """)
    void aCertificateFromTransparencyLogsCountsByTheIssuerTheLogNames(String issuerDn, boolean counts) {
        Issuance logged = Issuance.logged("0a", Certs.T0, List.of("api.example.com"), issuerDn);

        assertEquals(counts, LimitIssuers.counts(CertSettings.LETS_ENCRYPT, logged));
    }

    @ParameterizedTest(name = "unknown issuer counts for {0}")
    @CsvSource({"Let's Encrypt", "ZeroSSL"})
    void aCertificateOfUnknownIssuerCounts(String issuer) {
        assertEquals(true, LimitIssuers.counts(List.of(issuer), new Issuance("0a", Certs.T0, List.of("a.example"))));
    }
}
