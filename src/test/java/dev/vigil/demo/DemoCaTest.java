package dev.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JDK-only certificates: the JDK parses them, they say what was asked, and the chain verifies with PKIX. */
class DemoCaTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    @Test
    void aServerCertificateCarriesTheNamesTheIssuerAndTheValidityGiven() throws Exception {
        DemoCa ca = DemoCa.create(NOW);
        Instant notBefore = NOW.minus(Duration.ofMinutes(150));

        Credential issued = ca.issue(List.of("api.demo.test", "www.demo.test"), notBefore);

        X509Certificate cert = issued.certificate();
        assertEquals(3, cert.getVersion());
        assertEquals("CN=api.demo.test", cert.getSubjectX500Principal().getName());
        assertEquals("CN=R11,OU=Vigil demo CA - throw-away,O=Let's Encrypt,C=US",
                cert.getIssuerX500Principal().getName());
        assertEquals(List.of(List.of(2, "api.demo.test"), List.of(2, "www.demo.test")),
                List.copyOf(cert.getSubjectAlternativeNames()), "DNS names (type 2)");
        assertEquals(notBefore, cert.getNotBefore().toInstant());
        assertEquals(notBefore.plus(Duration.ofDays(90)), cert.getNotAfter().toInstant());
        assertEquals(-1, cert.getBasicConstraints(), "no CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage());
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(issued.chain().get(1).getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(issued.chain().get(1).getPublicKey());
    }

    @Test
    void theChainVerifiesWithPkixAgainstTheRootAndTheJdksTrustManagerAcceptsIt() throws Exception {
        DemoCa ca = DemoCa.create(Instant.now());
        Credential issued = ca.issue(List.of("api.demo.test", "www.demo.test"), Instant.now().minusSeconds(60));

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.root(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(issued.chain()), parameters);

        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        roots.load(null, null);
        roots.setCertificateEntry("demo", ca.root());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(roots);
        ((X509TrustManager) factory.getTrustManagers()[0])
                .checkServerTrusted(issued.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA");
    }

    @Test
    void anotherCasRootDoesNotVerifyTheChain() throws Exception {
        Credential issued = DemoCa.create(NOW).issue(List.of("api.demo.test"), NOW);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(DemoCa.create(NOW).root(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW.plusSeconds(60)));

        assertThrows(CertPathValidatorException.class, () -> CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(issued.chain()), parameters));
    }

    @Test
    void theCaCertificatesAreCasAndTheRootIsSelfSigned() throws Exception {
        DemoCa ca = DemoCa.create(NOW);
        X509Certificate intermediate = ca.issue(List.of("api.demo.test"), NOW).chain().get(1);

        assertEquals(Integer.MAX_VALUE, intermediate.getBasicConstraints());
        assertTrue(intermediate.getKeyUsage()[5] && intermediate.getKeyUsage()[6], "keyCertSign, cRLSign");
        assertEquals(ca.root().getSubjectX500Principal(), ca.root().getIssuerX500Principal());
        ca.root().verify(ca.root().getPublicKey());
        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), ca.root().getCriticalExtensionOIDs());
    }

    @Test
    void theDefaultCertificateIsSelfSignedAndNoCa() throws Exception {
        Credential fallback = DemoCa.selfSigned("TRAEFIK DEFAULT CERT", List.of("a.b.traefik.default"), NOW);

        X509Certificate cert = fallback.certificate();
        assertEquals("CN=TRAEFIK DEFAULT CERT", cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals(List.of(List.of(2, "a.b.traefik.default")), List.copyOf(cert.getSubjectAlternativeNames()));
        assertEquals(-1, cert.getBasicConstraints());
        cert.verify(cert.getPublicKey());
        assertEquals(List.of(cert), fallback.chain());
    }

    @Test
    void serialsArePositiveSixteenHexDigitsAndDiffer() throws Exception {
        DemoCa ca = DemoCa.create(NOW);
        BigInteger one = ca.issue(List.of("api.demo.test"), NOW).certificate().getSerialNumber();
        BigInteger two = ca.issue(List.of("api.demo.test"), NOW).certificate().getSerialNumber();

        assertTrue(one.signum() > 0 && two.signum() > 0);
        assertEquals(16, one.toString(16).length());
        assertNotEquals(one, two);
    }

    /** Encodings checked against X.690's rules and examples. */
    @ParameterizedTest
    @CsvSource({
            "oid,2.5.29.17,0603551d11",
            "oid,1.2.840.10045.4.3.2,06082a8648ce3d040302",
            "integer,127,02017f",
            "integer,128,02020080",
            "integer,256,02020100",
            "keyUsage,0,03020780",
            "keyUsage,5 6,03020106",
            "time,2026-12-02T06:00:00Z,170d3236313230323036303030305a",
            "time,2050-01-01T00:00:00Z,180f32303530303130313030303030305a"})
    void derEncodings(String kind, String value, String hex) {
        byte[] encoded = switch (kind) {
            case "oid" -> Der.oid(value);
            case "integer" -> Der.integer(Long.parseLong(value));
            case "keyUsage" -> Der.namedBits(Arrays.stream(value.split(" ")).mapToInt(Integer::parseInt)
                    .toArray());
            case "time" -> Der.time(Instant.parse(value));
            default -> throw new IllegalArgumentException(kind);
        };
        assertArrayEquals(HexFormat.of().parseHex(hex), encoded, HexFormat.of().formatHex(encoded));
    }

    @Test
    void aLongElementHasALongFormLength() {
        byte[] encoded = Der.octetString(new byte[300]);

        assertEquals("0482012c", HexFormat.of().formatHex(encoded, 0, 4));
        assertEquals(304, encoded.length);
    }

    @Test
    void validityIsToTheSecond() throws Exception {
        Instant odd = NOW.plusMillis(999);
        X509Certificate cert = DemoCa.create(NOW).issue(List.of("api.demo.test"), odd).certificate();

        assertEquals(odd.truncatedTo(ChronoUnit.SECONDS), cert.getNotBefore().toInstant());
    }
}
