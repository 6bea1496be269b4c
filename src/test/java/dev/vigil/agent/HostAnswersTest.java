package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.discovery.BalancerChange.HostAnswer;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.testing.TestDnsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the load-balancer watch takes DNS to answer for a host, at an in-process DNS server: addresses and a
 * balancer's name reached through a CNAME, an NXDOMAIN as an answer, a resolver that fails as no answer at all.
 */
class HostAnswersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private TestDnsServer dns;
    private TestDnsServer broken;
    private final UdpDnsClient client = new UdpDnsClient(1);

    @BeforeEach
    void start() throws IOException {
        dns = TestDnsServer.start();
        broken = TestDnsServer.start();
    }

    @AfterEach
    void stop() {
        dns.close();
        broken.close();
    }

    @Test
    void aCnameToTheBalancersNameCountsThatNameWithTheLongestTtl() {
        dns.answer("web.example.test", RecordType.A, new DnsRecord("web.example.test", RecordType.CNAME, 300,
                "lb.elb.example.test"), new DnsRecord("lb.elb.example.test", RecordType.A, 60, "203.0.113.7"));
        dns.answer("web.example.test", RecordType.AAAA, List.of(), List.of());

        HostAnswer answer = HostAnswers.ask(client, "web.example.test", List.of(dns.address()), TIMEOUT);

        assertEquals(null, answer.error(), answer.toString());
        assertEquals(Set.of("203.0.113.7", "lb.elb.example.test"), answer.addresses());
    }

    @Test
    void anNxdomainIsAnAnswerWithoutAddresses() {
        dns.nxdomain("gone.example.test");

        HostAnswer answer = HostAnswers.ask(client, "gone.example.test", List.of(dns.address()), TIMEOUT);

        assertEquals(new HostAnswer("gone.example.test", Set.of(), Duration.ZERO), answer);
    }

    @Test
    void aHostNoResolverAnswersIsFailedNeverTakenAsMoved() {
        broken.servfail("web.example.test");

        HostAnswer answer = HostAnswers.ask(client, "web.example.test", List.of(broken.address()), TIMEOUT);

        assertEquals(Set.of(), answer.addresses());
        assertTrue(answer.error() != null && answer.error().contains("SERVFAIL"), answer.toString());
    }

    @Test
    void oneResolverThatAnswersIsEnough() {
        broken.servfail("web.example.test");
        dns.answer("web.example.test", RecordType.A, new DnsRecord("web.example.test", RecordType.A, 3600,
                "203.0.113.7"));
        dns.answer("web.example.test", RecordType.AAAA, List.of(), List.of());

        HostAnswer answer = HostAnswers.ask(client, "web.example.test", List.of(broken.address(), dns.address()),
                TIMEOUT);

        assertEquals(new HostAnswer("web.example.test", Set.of("203.0.113.7"), Duration.ofHours(1)), answer);
    }
}
