package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Prober;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TlsTestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resolver answering 4,000 A records (truncated over UDP, in full over TCP), all on 127.1.0.0/16 where nothing
 * listens: a run probes a few of them, says how many it left out, and ends by its deadline.
 */
class AddressFloodTest {
    private static final String HOST = "flood.test";
    private static final int RECORDS = 4000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Far beyond the run's timeout and the hard deadline's grace: not a performance bound. */
    private static final Duration ENDS_WITHIN = TIMEOUT.plusSeconds(5);
    private static final String LOAD_BALANCER = "127.1.15.159";

    @TempDir
    Path dir;

    private TestDnsServer dns;
    private TlsTestServer target;
    private HttpProbe http;
    private KubernetesServiceReader kubernetes;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        dns = TestDnsServer.start().truncateOverUdp(HOST);
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(new DnsRecord(HOST, RecordType.A, 60, "127.1." + i / 256 + "." + i % 256));
        }
        dns.answer(HOST, RecordType.A, records, List.of());
        dns.answer(HOST, RecordType.AAAA, List.of(), List.of());
        // Holds the port on 127.0.0.1; the flood's addresses are elsewhere in 127.0.0.0/8, where nothing listens.
        target = TlsTestServer.plain().start();
        http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
        kubernetes = new KubernetesServiceReader(name -> null, dir);
    }

    @AfterEach
    void stop() {
        release.countDown();
        kubernetes.close();
        http.close();
        target.close();
        dns.close();
    }

    private HostChecks probe(Prober prober) {
        UdpDnsClient client = new UdpDnsClient();
        return new HostChecks(prober, client, () -> List.of(dns.address()), new ExpectedAddresses(client, kubernetes),
                Clock.systemUTC(), dns.port(), true);
    }

    private HttpSpec spec(DnsOptions options) {
        return new HttpSpec(URI.create("http://" + HOST + ":" + target.port() + "/"), "GET", List.of(), TIMEOUT,
                HttpExpectations.DEFAULT, TlsOptions.DEFAULT, 1024, List.of(), IpFamily.ANY, HttpVersion.HTTP_1_1,
                options);
    }

    @Test
    void aFewAddressesAreProbedTheLoadBalancersFirstAndTheRestAreCounted() {
        DnsOptions options = new DnsOptions(List.of(dns.address()), false,
                new ExpectedLb(List.of(LOAD_BALANCER), null, null));

        ProbeResult result = assertTimeoutPreemptively(ENDS_WITHIN, () -> probe(http).run(spec(options)));

        List<String> probed = result.dns().resolved().stream().map(AddressCheck::address).toList();
        assertEquals(DnsOptions.DEFAULT_MAX_ADDRESSES, probed.size(), result::toString);
        assertTrue(probed.contains(LOAD_BALANCER), probed::toString);
        assertEquals(List.of(LOAD_BALANCER), result.dns().direct().stream().map(AddressCheck::address).toList());
        assertEquals(RECORDS - DnsOptions.DEFAULT_MAX_ADDRESSES, result.dns().notProbed());
        assertTrue(result.diagnosis().contains("Probed 16 of the 4000 addresses of " + HOST + ", the load balancer's"
                + " first; the other 3984 were not probed (dns.maxAddresses is 16)."), result::toString);
        assertEquals(FailureKind.DNS_LB_MISMATCH, result.failure().kind());
        String stale = "127.1.0.0, 127.1.0.1, 127.1.0.10, 127.1.0.100, 127.1.0.101, 127.1.0.102, 127.1.0.103,"
                + " 127.1.0.104 and 3991 more";
        assertEquals(HOST + " resolves to " + stale + " as well as the load balancer (expect.addresses) " + LOAD_BALANCER
                + ": remove " + stale + " from the A record", result.failure().message());
    }

    @Test
    void theCapIsConfigurableAndTheChoiceIsTheSameEachRun() {
        DnsOptions options = new DnsOptions(List.of(dns.address()), false, null, 3);

        ProbeResult first = assertTimeoutPreemptively(ENDS_WITHIN, () -> probe(http).run(spec(options)));
        ProbeResult second = assertTimeoutPreemptively(ENDS_WITHIN, () -> probe(http).run(spec(options)));

        List<String> probed = first.dns().resolved().stream().map(AddressCheck::address).toList();
        assertEquals(List.of("127.1.0.0", "127.1.0.1", "127.1.0.10"), probed);
        assertEquals(probed, second.dns().resolved().stream().map(AddressCheck::address).toList());
        assertEquals(RECORDS - 3, first.dns().notProbed());
        assertEquals(FailureKind.CONNECT_REFUSED, first.failure().kind());
    }

    @Test
    void probesThatNeverReturnAreAbandonedAtTheRunsDeadline() {
        Prober hung = spec -> {
            // Deaf to interrupts, as a thread stuck where Java cannot reach it.
            while (true) {
                try {
                    release.await();
                    return null;
                } catch (InterruptedException ignored) {
                    // Keep hanging.
                }
            }
        };
        DnsOptions options = new DnsOptions(List.of(dns.address()), false, null);

        ProbeResult result = assertTimeoutPreemptively(ENDS_WITHIN, () -> probe(hung).run(spec(options)));

        assertEquals(FailureKind.TIMEOUT, result.failure().kind(), result::toString);
        assertEquals("the probe of http://" + HOST + ":" + target.port() + "/ did not finish within its 5000 ms"
                + " timeout and was abandoned", result.failure().message());
        assertTrue(result.dns().resolved().stream().allMatch(c -> c.failure().kind() == FailureKind.TIMEOUT),
                result::toString);
    }
}
