package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil probe --resolver … --expect-address …} on loopback: a resolver still pointing at the old load balancer
 * (127.0.0.2), the new one at 127.0.0.3.
 */
class ProbeDnsTest {
    private static final TestPki PKI = TestPki.create();
    private static final String HOST = "api.incident.test";

    @TempDir
    Path dir;

    private TestDnsServer dns;
    private List<TlsTestServer> loadBalancers;
    private Path ca;

    @BeforeEach
    void start() throws Exception {
        dns = TestDnsServer.start();
        dns.answer(HOST, RecordType.A, new DnsRecord(HOST, RecordType.A, 3600, "127.0.0.2"));
        dns.answer(HOST, RecordType.AAAA, List.of(), List.of(new DnsRecord("incident.test", RecordType.SOA, 3600,
                "ns1.incident.test")));
        Issued leaf = PKI.leaf(HOST).sans(HOST).issue();
        loadBalancers = TlsTestServer.startOnSharedPort(
                TlsTestServer.tls(leaf).bindAddress("127.0.0.2").responder(Responders.ok("old")),
                TlsTestServer.tls(leaf).bindAddress("127.0.0.3").responder(Responders.ok("new")));
        ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
    }

    @AfterEach
    void stop() {
        loadBalancers.forEach(TlsTestServer::close);
        dns.close();
    }

    private CliRun probe(String... output) {
        List<String> args = new ArrayList<>(List.of("probe", "https://" + HOST + ":"
                + loadBalancers.getFirst().port() + "/healthz", "--ca-file", ca.toString(), "--resolver",
                "127.0.0.1:" + dns.port(), "--expect-address", "127.0.0.3", "--no-authoritative"));
        args.addAll(List.of(output));
        return vigil(args.toArray(String[]::new));
    }

    @Test
    void aStaleRecordIsCriticalAndSaysWhy() {
        CliRun run = probe();

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stdout().startsWith("CRITICAL - https://" + HOST), run::toString);
        assertTrue(run.stdout().contains("dns_lb_mismatch: " + HOST + " resolves to 127.0.0.2 but the load balancer"
                + " (expect.addresses) is 127.0.0.3: update the A record"), run::toString);
        assertTrue(run.stdout().contains("  why    Load balancer 127.0.0.3 serves " + HOST
                + " correctly; only DNS is stale."), run::toString);
        assertTrue(run.stdout().contains("  dns    127.0.0.1:" + dns.port() + ": 127.0.0.2, TTL 3600 s"), run::toString);
    }

    @Test
    void theJsonCarriesTheDiagnosisAndWhatEachAddressServed() {
        JsonNode json = probe("--output", "json").json();

        assertEquals("dns_lb_mismatch", json.get("failure").get("kind").asText());
        assertEquals(HOST + " resolves to 127.0.0.2 but the load balancer (expect.addresses) is 127.0.0.3: update the A"
                + " record.", json.get("diagnosis").get(0).asText());
        assertTrue(json.get("dns").get("lbMismatch").asBoolean());
        assertEquals("127.0.0.3", json.get("dns").get("direct").get(0).get("address").asText());
        assertTrue(json.get("dns").get("direct").get(0).get("success").asBoolean());
        assertEquals("127.0.0.2", json.get("dns").get("resolved").get(0).get("address").asText());
    }

    @Test
    void oncePointedAtTheLoadBalancerTheCheckPasses() {
        dns.answer(HOST, RecordType.A, new DnsRecord(HOST, RecordType.A, 3600, "127.0.0.3"));

        CliRun run = probe();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(0, loadBalancers.getFirst().requestsServed());
        assertTrue(loadBalancers.get(1).requestsServed() >= 1);
    }
}
