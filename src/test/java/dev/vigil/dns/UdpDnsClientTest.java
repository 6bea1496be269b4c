package dev.vigil.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.FakeClock;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestDnsServer.Transport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpDnsClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SLACK = Duration.ofMillis(500);

    private final UdpDnsClient client = new UdpDnsClient();
    private TestDnsServer dns;

    @BeforeEach
    void start() throws IOException {
        dns = TestDnsServer.start();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void aRecords() throws DnsException {
        DnsRecord a = new DnsRecord("api.example.com", RecordType.A, 300, "192.0.2.1");
        DnsRecord b = new DnsRecord("api.example.com", RecordType.A, 300, "192.0.2.2");
        dns.answer("api.example.com", RecordType.A, a, b);

        DnsResponse response = client.query(dns.address(), "API.example.com.", RecordType.A, TIMEOUT);

        assertEquals(new DnsResponse(dns.address(), "api.example.com", RecordType.A, DnsResponse.NOERROR, false,
                List.of(a, b), List.of(), response.took(), false), response);
        assertTrue(response.took().compareTo(Duration.ZERO) > 0);
        assertEquals(1, dns.queries("api.example.com", Transport.UDP));
    }

    @Test
    void aaaaRecordsAndTheAuthoritativeBit() throws DnsException {
        dns.authoritative(true).answer("api.example.com", RecordType.AAAA,
                new DnsRecord("api.example.com", RecordType.AAAA, 60, "2001:db8::1"));

        DnsResponse response = client.query(dns.address(), "api.example.com", RecordType.AAAA, TIMEOUT);

        assertEquals("2001:db8::1", response.answers().getFirst().data());
        assertTrue(response.authoritative());
    }

    @Test
    void cnameChainInOneAnswer() throws DnsException {
        List<DnsRecord> chain = List.of(new DnsRecord("www.example.com", RecordType.CNAME, 600, "lb.example.net"),
                new DnsRecord("lb.example.net", RecordType.CNAME, 60, "lb-7.cdn.example"),
                new DnsRecord("lb-7.cdn.example", RecordType.A, 20, "192.0.2.7"));
        dns.answer("www.example.com", RecordType.A, chain.toArray(DnsRecord[]::new));

        assertEquals(chain, client.query(dns.address(), "www.example.com", RecordType.A, TIMEOUT).answers());
    }

    @Test
    void nxdomainIsAnAnswer() throws DnsException {
        DnsRecord soa = new DnsRecord("example.com", RecordType.SOA, 900, "ns1.example.com");
        dns.nxdomain("gone.example.com", soa);

        DnsResponse response = client.query(dns.address(), "gone.example.com", RecordType.A, TIMEOUT);

        assertEquals("NXDOMAIN", response.rcodeName());
        assertEquals(List.of(soa), response.authority());
    }

    @Test
    void servfailIsAnAnswer() throws DnsException {
        dns.servfail("broken.example.com");

        assertEquals(DnsResponse.SERVFAIL,
                client.query(dns.address(), "broken.example.com", RecordType.A, TIMEOUT).rcode());
    }

    @Test
    void truncatedAnswerIsAskedAgainOverTcp() throws DnsException {
        DnsRecord record = new DnsRecord("big.example.com", RecordType.A, 300, "192.0.2.9");
        dns.truncateOverUdp("big.example.com").answer("big.example.com", RecordType.A, record);

        DnsResponse response = client.query(dns.address(), "big.example.com", RecordType.A, TIMEOUT);

        assertTrue(response.overTcp());
        assertEquals(List.of(record), response.answers());
        assertEquals(1, dns.queries("big.example.com", Transport.UDP));
        assertEquals(1, dns.queries("big.example.com", Transport.TCP));
    }

    @Test
    void anAnswerTruncatedOverTcpTooIsAnError() {
        dns.truncateAlways("loop.example.com");

        DnsException e = assertThrows(DnsException.class,
                () -> client.query(dns.address(), "loop.example.com", RecordType.A, TIMEOUT));

        assertEquals("the answer from 127.0.0.1:" + dns.port() + " over TCP is truncated too for loop.example.com A",
                e.getMessage());
        assertEquals(1, dns.queries("loop.example.com", Transport.TCP));
    }

    @Test
    void serverThatNeverAnswersFailsByTheDeadline() {
        dns.silent("slow.example.com");
        Duration timeout = Duration.ofMillis(900);
        long start = System.nanoTime();

        DnsException e = assertThrows(DnsException.class,
                () -> client.query(dns.address(), "slow.example.com", RecordType.A, timeout));

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.compareTo(timeout.plus(SLACK)) < 0, "took " + elapsed);
        assertEquals("no answer from 127.0.0.1:" + dns.port() + " within 900ms for slow.example.com A",
                e.getMessage());
        Eventually.until(Duration.ofSeconds(2), "three UDP attempts",
                () -> dns.queries("slow.example.com", Transport.UDP) == 3);
    }

    @Test
    void silentTcpAfterTruncationFailsByTheDeadline() {
        dns.truncateOverUdp("big.example.com").silent("big.example.com");
        Duration timeout = Duration.ofMillis(600);
        long start = System.nanoTime();

        assertThrows(DnsException.class, () -> client.query(dns.address(), "big.example.com", RecordType.A, timeout));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(timeout.plus(SLACK)) < 0);
    }

    @Test
    void repliesWithAnotherIdOrQuestionAreIgnored() throws DnsException {
        DnsRecord real = new DnsRecord("api.example.com", RecordType.A, 300, "192.0.2.1");
        dns.spoofFirst("api.example.com").answer("api.example.com", RecordType.A, real);

        DnsResponse response = client.query(dns.address(), "api.example.com", RecordType.A, TIMEOUT);

        assertEquals(List.of(real), response.answers());
    }

    @Test
    void malformedAnswerIsAnErrorNamingServerAndProblem() {
        dns.garbage("bad.example.com");

        DnsException e = assertThrows(DnsException.class,
                () -> client.query(dns.address(), "bad.example.com", RecordType.A, TIMEOUT));

        assertEquals("malformed DNS answer from 127.0.0.1:" + dns.port()
                + " for bad.example.com A: compression loop at offset 12", e.getMessage());
    }

    @Test
    void closedPortIsConnectionRefused() throws IOException {
        try (ClosedPort closed = ClosedPort.udp()) {
            DnsException e = assertThrows(DnsException.class,
                    () -> client.query(closed.address(), "api.example.com", RecordType.A, TIMEOUT));

            assertEquals("connection refused by 127.0.0.1:" + closed.port() + " for api.example.com A",
                    e.getMessage());
        }
    }

    @Test
    void ttlCountsDownLikeACache() throws IOException {
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (TestDnsServer cache = TestDnsServer.start(clock)) {
            cache.answer("api.example.com", RecordType.A,
                    new DnsRecord("api.example.com", RecordType.A, 300, "192.0.2.1"));
            clock.advance(Duration.ofSeconds(120));

            DnsResponse response = client.query(cache.address(), "api.example.com", RecordType.A, TIMEOUT);

            assertEquals(180, response.answers().getFirst().ttlSeconds());
            clock.advance(Duration.ofSeconds(400));
            assertEquals(0, client.query(cache.address(), "api.example.com", RecordType.A, TIMEOUT)
                    .answers().getFirst().ttlSeconds());
        }
    }

    @Test
    void invalidNameIsRefusedBeforeAnyQuery() {
        DnsException e = assertThrows(DnsException.class,
                () -> client.query(dns.address(), "bad name.example", RecordType.A, TIMEOUT));

        assertEquals("not a DNS name: 'bad name.example'", e.getMessage());
        assertFalse(dns.queries("bad name.example", Transport.UDP) > 0);
    }
}
