package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.config.ConfigLoader;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.hostchecks.ExpectedAddresses;
import dev.vigil.probe.hostchecks.HostChecks;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent running a probe with DNS checks: the stale record shows in its series, and the fix clears it. */
class DnsCheckAgentTest {
    private static final TestPki PKI = TestPki.create();
    private static final String HOST = "api.incident.test";

    @TempDir
    Path dir;

    private TestDnsServer dns;
    private List<TlsTestServer> loadBalancers;
    private HttpProbe http;
    private KubernetesServiceReader kubernetes;
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        kubernetes.close();
        http.close();
        loadBalancers.forEach(TlsTestServer::close);
        dns.close();
    }

    private void pointAt(String address) {
        dns.answer(HOST, RecordType.A, new DnsRecord(HOST, RecordType.A, 3600, address));
    }

    private Scrape scrapeWhen(String what, Predicate<Scrape> condition) {
        Scrape[] last = new Scrape[1];
        Eventually.until(Duration.ofSeconds(20), what, () -> condition.test(last[0] = Scrape.of(agent.address())));
        return last[0];
    }

    @Test
    void aStaleRecordShowsInTheSeriesUntilItIsFixed() throws Exception {
        dns = TestDnsServer.start();
        pointAt("127.0.0.2");
        dns.answer(HOST, RecordType.AAAA, List.of(), List.of());
        Issued leaf = PKI.leaf(HOST).sans(HOST).issue();
        loadBalancers = TlsTestServer.startOnSharedPort(
                TlsTestServer.tls(leaf).bindAddress("127.0.0.2").responder(Responders.ok("old")),
                TlsTestServer.tls(leaf).bindAddress("127.0.0.3").responder(Responders.ok("new")));
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        String resolver = "127.0.0.1:" + dns.port();
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://%s:%d/", "interval": "500ms", "timeout": "500ms",
                  "tls": {"caFile": "%s"},
                  "dns": {"resolvers": ["%s"], "authoritative": false, "expect": {"addresses": ["127.0.0.3"]}}}]}
                """.formatted(HOST, loadBalancers.getFirst().port(), ca, resolver));
        http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
        kubernetes = new KubernetesServiceReader(name -> null, dir);
        UdpDnsClient client = new UdpDnsClient();
        HostChecks probe = new HostChecks(http, client, () -> List.of(dns.address()),
                new ExpectedAddresses(client, kubernetes), Clock.systemUTC(), dns.port(), true);
        agent = Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(), new ConfigLoader(name -> null)::load, probe,
                (settings, names) -> List.of());

        Scrape stale = scrapeWhen("a run", s -> s.value("vigil_dns_lb_mismatch", "probe", "api").isPresent());
        assertEquals(1.0, stale.value("vigil_dns_lb_mismatch", "probe", "api").orElseThrow());
        assertEquals(1.0, stale.value("vigil_probe_failure_kind", "probe", "api", "kind", "dns_lb_mismatch").orElseThrow());
        assertEquals(0.0, stale.value("vigil_dns_answer_matches_expected", "probe", "api", "resolver", resolver)
                .orElseThrow());
        assertEquals(3600.0, stale.value("vigil_dns_record_ttl_seconds", "probe", "api", "resolver", resolver)
                .orElseThrow());
        assertEquals(1.0, stale.value("vigil_lb_direct_success", "probe", "api", "address", "127.0.0.3").orElseThrow());

        pointAt("127.0.0.3");
        Scrape fixed = scrapeWhen("the fix seen", s -> s.value("vigil_dns_lb_mismatch", "probe", "api").orElse(1) == 0);
        assertEquals(1.0, fixed.value("probe_success", "probe", "api").orElseThrow());
        assertEquals(1.0, fixed.value("vigil_dns_answer_matches_expected", "probe", "api", "resolver", resolver)
                .orElseThrow());
    }
}
