package dev.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.DnsResponse;
import dev.vigil.dns.RecordType;
import dev.vigil.dns.UdpDnsClient;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's DNS server answers Vigil's own DNS client as a caching resolver would. */
class DemoDnsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final UdpDnsClient client = new UdpDnsClient();
    private DemoDns dns;

    @BeforeEach
    void start() throws Exception {
        dns = DemoDns.start(InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void anARecordWithItsTtlAndNoAaaaRecords() throws Exception {
        dns.answer("api.demo.test", InetAddress.getByName("127.0.0.1"), 3600);

        DnsResponse a = client.query(dns.address(), "API.demo.test", RecordType.A, TIMEOUT);
        DnsResponse aaaa = client.query(dns.address(), "api.demo.test", RecordType.AAAA, TIMEOUT);

        assertEquals(DnsResponse.NOERROR, a.rcode());
        assertEquals(List.of(new DnsRecord("api.demo.test", RecordType.A, 3600, "127.0.0.1")), a.answers());
        assertEquals(DnsResponse.NOERROR, aaaa.rcode());
        assertEquals(List.of(), aaaa.answers());
    }

    @Test
    void aNewAnswerReplacesTheOldAndAnIpv6AddressIsAnAaaaRecord() throws Exception {
        dns.answer("lb.demo.test", InetAddress.getByName("127.0.0.1"), 60);
        dns.answer("lb.demo.test", InetAddress.getByName("::1"), 60);

        assertEquals(List.of(), client.query(dns.address(), "lb.demo.test", RecordType.A, TIMEOUT).answers());
        assertEquals(List.of(new DnsRecord("lb.demo.test", RecordType.AAAA, 60, "::1")),
                client.query(dns.address(), "lb.demo.test", RecordType.AAAA, TIMEOUT).answers());
    }

    @Test
    void anyOtherNameDoesNotExist() throws Exception {
        assertEquals(DnsResponse.NXDOMAIN, client.query(dns.address(), "example.com", RecordType.A, TIMEOUT).rcode());
        assertEquals(dns.resolver(), "127.0.0.1:" + dns.address().getPort());
    }
}
