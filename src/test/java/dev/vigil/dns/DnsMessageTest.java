package dev.vigil.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.net.DnsSyntax;
import dev.vigil.testing.DnsResponseWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {
    private static final int NXDOMAIN_RESPONSE = DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE | 3;

    @Test
    void queryRoundTrips() throws DnsException {
        byte[] query = DnsMessage.encodeQuery(0xBEEF, "api.example.com", RecordType.AAAA);

        DnsMessage parsed = DnsMessage.parse(query, query.length);

        assertEquals(0xBEEF, parsed.id());
        assertFalse(parsed.response());
        assertEquals(List.of(new DnsMessage.Question("api.example.com", RecordType.AAAA.code)), parsed.questions());
        assertEquals(DnsMessage.FLAG_RECURSION_DESIRED, ((query[2] & 0xFF) << 8) | (query[3] & 0xFF));
    }

    @Test
    void responseWithEveryTypeRoundTripsThroughCompressedNames() throws DnsException {
        List<DnsRecord> answers = List.of(
                new DnsRecord("www.example.com", RecordType.CNAME, 60, "lb.example.com"),
                new DnsRecord("lb.example.com", RecordType.A, 30, "192.0.2.7"),
                new DnsRecord("lb.example.com", RecordType.AAAA, 30, "2001:db8::7"),
                new DnsRecord("example.com", RecordType.NS, 3600, "ns1.example.com"));
        List<DnsRecord> authority = List.of(new DnsRecord("example.com", RecordType.SOA, 900, "ns1.example.com"));
        byte[] bytes = DnsResponseWriter.encode(7, NXDOMAIN_RESPONSE, "www.example.com", 1, answers, authority);

        DnsMessage parsed = DnsMessage.parse(bytes, bytes.length);

        assertEquals(answers, parsed.answers());
        assertEquals(authority, parsed.authority());
        assertTrue(parsed.response());
        assertTrue(parsed.authoritative());
        assertFalse(parsed.truncated());
        assertEquals(DnsResponse.NXDOMAIN, parsed.rcode());
        assertTrue(parsed.isAnswerTo("www.example.com", RecordType.A));
        assertFalse(parsed.isAnswerTo("www.example.com", RecordType.AAAA));
    }

    @Test
    void namesAreReadLowercaseWithOddOctetsEscaped() throws DnsException {
        byte[] bytes = new DnsWriter().u16(1).u16(DnsMessage.FLAG_RESPONSE).u16(1).u16(0).u16(0).u16(0)
                .u8(5).bytes("A.b\\C".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).label("COM").u8(0)
                .u16(1).u16(1).toByteArray();

        DnsMessage parsed = DnsMessage.parse(bytes, bytes.length);

        assertEquals("a\\046b\\092c.com", parsed.questions().getFirst().name());
    }

    @Test
    void ipv6AddressesAreWrittenInTheirCanonicalForm() {
        assertEquals("2001:db8::1", DnsSyntax.text(bytes("20010db8000000000000000000000001")));
        assertEquals("::", DnsSyntax.text(bytes("00000000000000000000000000000000")));
        assertEquals("2001:db8:0:1:1:1:1:1", DnsSyntax.text(bytes("20010db8000000010001000100010001")));
        assertEquals("2001:0:0:1::1", DnsSyntax.text(bytes("20010000000000010000000000000001")));
        assertEquals("fe80::", DnsSyntax.text(bytes("fe800000000000000000000000000000")));
    }

    @Test
    void namesAreNormalized() throws DnsException {
        assertEquals("api.example.com", DnsNames.normalize("API.Example.COM."));
        assertEquals("xn--bcher-kva.example", DnsNames.normalize("bücher.example"));
        assertEquals("", DnsNames.normalize("."));
    }

    @Test
    void invalidNamesAreRefused() {
        for (String bad : List.of("a..b", "a b.example", "x".repeat(64) + ".example", ("a".repeat(63) + ".").repeat(4)
                + "com")) {
            DnsException e = org.junit.jupiter.api.Assertions.assertThrows(DnsException.class,
                    () -> DnsNames.normalize(bad), bad);
            assertTrue(e.getMessage().startsWith("not a DNS name"), e.getMessage());
        }
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
