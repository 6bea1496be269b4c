package dev.vigil.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The issuer family of a certificate, from its issuer and subject DNs. */
class IssuerFamilyTest {
    @ParameterizedTest(name = "issuer {0}, subject {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CN=R11,O=Let's Encrypt,C=US                | CN=api.example.com           | Let's Encrypt
            CN=E5,O=Let's Encrypt,C=US                 | CN=api.example.com           | Let's Encrypt
            CN=Sub CA,O=Example\\, Inc.,C=US            | CN=api.example.com           | Example, Inc.
            cn=Sub CA,o=Lower Case Types               | CN=api.example.com           | Lower Case Types
            CN=Internal CA                             | CN=api.example.com           | CN=Internal CA
            CN=Fake,O=Acme Co                          | CN=Fake,O=Acme Co            | self-signed
            CN=Fake,O=Acme Co                          | cn=fake, o=acme co           | self-signed
            CN=TRAEFIK DEFAULT CERT                    | CN=TRAEFIK DEFAULT CERT      | self-signed
            not a DN                                   | CN=api.example.com           | not a DN
            """)
    void familyOf(String issuer, String subject, String family) {
        Observation cert = Certs.cert("01").issuer(issuer).observation();
        Observation withSubject = new Observation(cert.serialHex(), issuer, subject, cert.sans(), cert.notBefore(),
                cert.notAfter(), cert.sha256(), cert.chainIssuers(), cert.verified(), cert.firstSeen(), cert.lastSeen());

        assertEquals(family, IssuerFamily.of(withSubject));
    }
}
