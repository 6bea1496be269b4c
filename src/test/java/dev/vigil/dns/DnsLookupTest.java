package dev.vigil.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestDnsServer.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsLookupTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String LOOP = "a.example.com → b.example.com → a.example.com";
    private static final DnsRecord SOA = new DnsRecord("example.com", RecordType.SOA, 900, "ns1.example.com");

    private final DnsClient client = new UdpDnsClient();
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
    void followsTheChainWithinEachAnswer() {
        DnsRecord first = cname("www.example.com", 600, "lb.example.net");
        DnsRecord second = cname("lb.example.net", 60, "lb-7.cdn.example");
        dns.answer("www.example.com", RecordType.A, first, second, a("lb-7.cdn.example", 45, "192.0.2.8"),
                a("lb-7.cdn.example", 30, "192.0.2.7"));
        dns.answer("www.example.com", RecordType.AAAA, first, second,
                new DnsRecord("lb-7.cdn.example", RecordType.AAAA, 50, "2001:db8::7"));

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "www.example.com", TIMEOUT);

        assertEquals(List.of("192.0.2.7", "192.0.2.8", "2001:db8::7"), answer.addresses());
        assertEquals(List.of("lb.example.net", "lb-7.cdn.example"), answer.cnames());
        assertEquals(30, answer.ttlSeconds());
        assertNull(answer.error());
        assertTrue(answer.answered());
        assertEquals(0, dns.queries("lb-7.cdn.example", Transport.UDP));
    }

    @Test
    void asksAgainOnlyForTheLastTargetWhenItsRecordsAreMissing() {
        dns.answer("www.example.com", RecordType.A, cname("www.example.com", 600, "lb.example.net"));
        dns.answer("www.example.com", RecordType.AAAA, cname("www.example.com", 600, "lb.example.net"));
        dns.answer("lb.example.net", RecordType.A, a("lb.example.net", 20, "192.0.2.1"));
        dns.answer("lb.example.net", RecordType.AAAA, List.of(), List.of(SOA));

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "www.example.com", TIMEOUT);

        assertEquals(List.of("192.0.2.1"), answer.addresses());
        assertEquals(List.of("lb.example.net"), answer.cnames());
        assertEquals(20, answer.ttlSeconds());
        assertNull(answer.error());
        assertEquals(2, dns.queries("lb.example.net", Transport.UDP));
    }

    @Test
    void nxdomainIsAnAnswerWithoutAddresses() {
        dns.nxdomain("gone.example.com", SOA);

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "gone.example.com", TIMEOUT);

        assertEquals(List.of(), answer.addresses());
        assertEquals("NXDOMAIN from " + server() + " for gone.example.com A", answer.error());
        assertTrue(answer.answered());
    }

    @Test
    void servfailIsAFailure() {
        dns.servfail("broken.example.com");

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "broken.example.com", TIMEOUT);

        assertEquals("SERVFAIL from " + server() + " for broken.example.com A", answer.error());
        assertFalse(answer.answered());
    }

    @Test
    void aaaaFailureIsReportedWithTheIpv4Addresses() {
        dns.answer("api.example.com", RecordType.A, a("api.example.com", 60, "192.0.2.1"));

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "api.example.com", TIMEOUT);

        assertEquals(List.of("192.0.2.1"), answer.addresses());
        assertEquals("REFUSED from " + server() + " for api.example.com AAAA", answer.error());
        assertFalse(answer.answered());
    }

    @Test
    void noRecordsOfEitherType() {
        dns.answer("mail.example.com", RecordType.A, List.of(), List.of(SOA));
        dns.answer("mail.example.com", RecordType.AAAA, List.of(), List.of(SOA));

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "mail.example.com", TIMEOUT);

        assertEquals("no A or AAAA records for mail.example.com at " + server(), answer.error());
        assertTrue(answer.answered());
    }

    @Test
    void cnameLoopIsAnError() {
        for (RecordType type : List.of(RecordType.A, RecordType.AAAA)) {
            dns.answer("a.example.com", type, cname("a.example.com", 60, "b.example.com"),
                    cname("b.example.com", 60, "a.example.com"));
        }

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "a.example.com", TIMEOUT);

        assertEquals("CNAME loop at " + server() + ": " + LOOP, answer.error());
        assertEquals(List.of("b.example.com"), answer.cnames());
    }

    @Test
    void cnameLoopAcrossQueriesIsAnError() {
        for (RecordType type : List.of(RecordType.A, RecordType.AAAA)) {
            dns.answer("a.example.com", type, cname("a.example.com", 60, "b.example.com"));
            dns.answer("b.example.com", type, cname("b.example.com", 60, "a.example.com"));
        }

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "a.example.com", TIMEOUT);

        assertEquals("CNAME loop at " + server() + ": " + LOOP, answer.error());
    }

    @Test
    void chainLongerThanEightHopsIsAnError() {
        for (int i = 0; i < 10; i++) {
            String name = "c" + i + ".example.com";
            dns.answer(name, RecordType.A, cname(name, 60, "c" + (i + 1) + ".example.com"));
            dns.answer(name, RecordType.AAAA, cname(name, 60, "c" + (i + 1) + ".example.com"));
        }

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "c0.example.com", TIMEOUT);

        assertEquals("CNAME chain from c0.example.com longer than 8 at " + server(), answer.error());
        assertEquals(8, answer.cnames().size());
    }

    @Test
    void silentServerEndsByTheTimeout() {
        dns.silent("slow.example.com");
        Duration timeout = Duration.ofMillis(600);

        AddressAnswer answer = DnsLookup.addresses(client, dns.address(), "slow.example.com", timeout);

        assertTrue(answer.took().compareTo(timeout.plusMillis(500)) < 0, "took " + answer.took());
        // The query was given what was left of the timeout, a little under 600 ms.
        assertTrue(answer.error().matches("no answer from " + server() + " within 5\\d\\dms for slow.example.com A"),
                answer.error());
        assertFalse(answer.answered());
    }

    @Test
    void findsTheAuthoritativeServersOfTheZone() throws DnsException {
        dns.answer("www.example.com", RecordType.SOA, List.of(), List.of(SOA));
        dns.answer("example.com", RecordType.NS, ns("ns2.example.net"), ns("ns1.example.com"));
        dns.answer("ns1.example.com", RecordType.A, a("ns1.example.com", 3600, "127.0.0.1"));
        dns.answer("ns1.example.com", RecordType.AAAA, List.of(), List.of(SOA));
        dns.answer("ns2.example.net", RecordType.A, a("ns2.example.net", 3600, "127.0.0.2"));
        dns.answer("ns2.example.net", RecordType.AAAA, new DnsRecord("ns2.example.net", RecordType.AAAA, 3600, "::1"));

        List<NamedServer> servers = DnsLookup.authoritativeServers(client, dns.address(), "www.example.com", TIMEOUT,
                dns.port());

        assertEquals(List.of(new NamedServer("ns1.example.com", new InetSocketAddress("127.0.0.1", dns.port())),
                new NamedServer("ns2.example.net", new InetSocketAddress("127.0.0.2", dns.port())),
                new NamedServer("ns2.example.net", new InetSocketAddress("::1", dns.port()))), servers);
        dns.authoritative(true).answer("www.example.com", RecordType.A, a("www.example.com", 300, "192.0.2.1"));
        DnsResponse fromAuthority = client.query(servers.getFirst().address(), "www.example.com", RecordType.A,
                TIMEOUT);
        assertTrue(fromAuthority.authoritative());
        assertEquals(300, fromAuthority.answers().getFirst().ttlSeconds());
    }

    @Test
    void walksUpToTheParentWhenTheHostGivesNoSoa() throws DnsException {
        dns.servfail("a.b.example.com");
        dns.nxdomain("b.example.com", SOA);
        dns.answer("example.com", RecordType.NS, ns("ns1.example.com"));
        dns.answer("ns1.example.com", RecordType.A, a("ns1.example.com", 3600, "127.0.0.1"));
        dns.answer("ns1.example.com", RecordType.AAAA, List.of(), List.of(SOA));

        List<NamedServer> servers = DnsLookup.authoritativeServers(client, dns.address(), "a.b.example.com", TIMEOUT,
                dns.port());

        assertEquals(List.of(new NamedServer("ns1.example.com", new InetSocketAddress("127.0.0.1", dns.port()))),
                servers);
        assertEquals(1, dns.queries("a.b.example.com", Transport.UDP));
        assertEquals(1, dns.queries("b.example.com", Transport.UDP));
    }

    @Test
    void anAliasIsNotAZoneApex() throws DnsException {
        dns.answer("www.example.com", RecordType.SOA, List.of(cname("www.example.com", 60, "lb.cdn.example")),
                List.of(new DnsRecord("cdn.example", RecordType.SOA, 60, "ns.cdn.example")));
        dns.answer("example.com", RecordType.SOA, SOA);
        dns.answer("example.com", RecordType.NS, ns("ns1.example.com"));
        dns.answer("ns1.example.com", RecordType.A, a("ns1.example.com", 3600, "127.0.0.1"));
        dns.answer("ns1.example.com", RecordType.AAAA, List.of(), List.of(SOA));

        List<NamedServer> servers = DnsLookup.authoritativeServers(client, dns.address(), "www.example.com", TIMEOUT,
                dns.port());

        assertEquals("ns1.example.com", servers.getFirst().name());
    }

    @Test
    void looksUpAtMostFourNameServers() throws DnsException {
        dns.answer("example.com", RecordType.SOA, SOA);
        dns.answer("example.com", RecordType.NS, ns("ns6.example.com"), ns("ns5.example.com"), ns("ns4.example.com"),
                ns("ns3.example.com"), ns("ns2.example.com"), ns("ns1.example.com"));
        for (int i = 1; i <= 6; i++) {
            String name = "ns" + i + ".example.com";
            dns.answer(name, RecordType.A, a(name, 3600, "127.0.0." + i));
            dns.answer(name, RecordType.AAAA, List.of(), List.of(SOA));
        }

        List<NamedServer> servers = DnsLookup.authoritativeServers(client, dns.address(), "example.com", TIMEOUT);

        assertEquals(List.of("ns1.example.com", "ns2.example.com", "ns3.example.com", "ns4.example.com"),
                servers.stream().map(NamedServer::name).toList());
        assertEquals(53, servers.getFirst().address().getPort());
        assertEquals(0, dns.queries("ns5.example.com", Transport.UDP));
    }

    @Test
    void noZoneIsAnError() {
        dns.servfail("x.example.com").servfail("example.com").servfail("com");

        DnsException e = assertThrows(DnsException.class,
                () -> DnsLookup.authoritativeServers(client, dns.address(), "x.example.com", TIMEOUT));

        assertEquals("no zone found for x.example.com at " + server() + " (last: SERVFAIL for com)", e.getMessage());
    }

    @Test
    void nameServersWithoutAddressesAreAnError() {
        dns.answer("example.com", RecordType.SOA, SOA);
        dns.answer("example.com", RecordType.NS, ns("ns1.example.com"));
        dns.nxdomain("ns1.example.com", SOA);

        DnsException e = assertThrows(DnsException.class,
                () -> DnsLookup.authoritativeServers(client, dns.address(), "example.com", TIMEOUT));

        assertEquals("no address for any name server of example.com: NXDOMAIN from " + server()
                + " for ns1.example.com A", e.getMessage());
    }

    @Test
    void aClientThatIgnoresItsTimeoutIsLeftBehindAtTheDeadline() {
        CountDownLatch release = new CountDownLatch(1);
        DnsClient hangsOnAaaa = (server, name, type, timeout) -> {
            if (type == RecordType.AAAA) {
                // Deaf to interrupts and to its timeout, as a broken client would be.
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // Keep hanging.
                    }
                }
            }
            return client.query(server, name, type, timeout);
        };
        dns.answer("www.example.com", RecordType.A, a("www.example.com", 60, "192.0.2.1"));
        try {
            AddressAnswer answer = assertTimeoutPreemptively(TIMEOUT.plusSeconds(5),
                    () -> DnsLookup.addresses(hangsOnAaaa, dns.address(), "www.example.com", Duration.ofMillis(300)));

            assertEquals("no answer from " + server() + " within 300ms for www.example.com AAAA", answer.error());
            assertFalse(answer.answered());
        } finally {
            release.countDown();
        }
    }

    private String server() {
        return "127.0.0.1:" + dns.port();
    }

    private static DnsRecord a(String name, long ttl, String address) {
        return new DnsRecord(name, RecordType.A, ttl, address);
    }

    private static DnsRecord cname(String name, long ttl, String target) {
        return new DnsRecord(name, RecordType.CNAME, ttl, target);
    }

    private static DnsRecord ns(String target) {
        return new DnsRecord("example.com", RecordType.NS, 3600, target);
    }
}
