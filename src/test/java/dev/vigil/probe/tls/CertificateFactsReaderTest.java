package dev.vigil.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
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

    @org.junit.jupiter.api.Test
    void highBitSerialHasNoJavaSignByte() {
        // 0x80 needs a sign byte in BigInteger.toByteArray(); Go's Bytes() and blackbox_exporter have none.
        assertEquals("80ff", CertificateFactsReader.serialHex(new BigInteger("80ff", 16)));
    }
}
