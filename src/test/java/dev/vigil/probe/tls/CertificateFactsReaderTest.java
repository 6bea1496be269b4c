package dev.vigil.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.probe.CertificateFacts;
import dev.vigil.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateFactsReaderTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1, 01",
            "10, 0a",
            "255, ff",
            "256, 0100",
            "4096, 1000",
            "3735928559, deadbeef",
    })
    void serialIsLowercaseHexOfMagnitudeBytesWithLeadingZerosKept(String decimal, String hex) {
        assertEquals(hex, CertificateFactsReader.serialHex(new BigInteger(decimal)));
    }

    @Test
    void highBitSerialHasNoJavaSignByte() {
        // 0x80 needs a sign byte in BigInteger.toByteArray(); Go's Bytes() and blackbox_exporter have none.
        assertEquals("80ff", CertificateFactsReader.serialHex(new BigInteger("80ff", 16)));
    }

    @Test
    void theSameCertificateReadTwiceGivesOneInstanceOfItsFacts() throws Exception {
        TestPki pki = TestPki.create();
        X509Certificate leaf = pki.leaf("a.test").sans("a.test").issue().certificate();
        // As a second handshake would: another X509Certificate decoded from the same bytes.
        X509Certificate again = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(leaf.getEncoded()));

        CertificateFacts first = CertificateFactsReader.read(leaf);
        CertificateFacts second = CertificateFactsReader.read(again);
        CertificateFacts other = CertificateFactsReader.read(pki.leaf("a.test").sans("a.test").issue().certificate());

        assertSame(first, second);
        assertEquals(List.of("a.test"), second.sans());
        assertNotSame(first, other);
        assertEquals(first.subject(), other.subject());
    }
}
