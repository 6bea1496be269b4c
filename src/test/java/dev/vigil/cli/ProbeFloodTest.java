package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TlsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil probe} against hostile DNS and targets on loopback: a resolver answering 4,000 A records (truncated
 * over UDP, in full over TCP) on 127.1.0.0/16 where nothing listens, a silent resolver, a target that never answers.
 * The bounds are generous (the longest timeout plus 5 s), not performance figures.
 */
class ProbeFloodTest {
    private static final String FLOOD = "flood.test";
    private static final int RECORDS = 4000;

    @TempDir
    Path dir;

    private TestDnsServer dns;
    private TestDnsServer silentDns;
    private TlsTestServer up;
    private TlsTestServer hung;

    @BeforeEach
    void start() throws Exception {
        dns = TestDnsServer.start().truncateOverUdp(FLOOD);
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(new DnsRecord(FLOOD, RecordType.A, 60, "127.1." + i / 256 + "." + i % 256));
        }
        dns.answer(FLOOD, RecordType.A, records, List.of());
        dns.answer(FLOOD, RecordType.AAAA, List.of(), List.of());
        silentDns = TestDnsServer.start().silent("localhost");
        // Holds a port on 127.0.0.1; the flood's addresses are elsewhere in 127.0.0.0/8, where nothing listens.
        up = TlsTestServer.plain().responder(Responders.ok("ok")).start();
        hung = TlsTestServer.plain().responder(Responders.neverAnswer()).start();
    }

    @AfterEach
    void stop() {
        hung.close();
        up.close();
        silentDns.close();
        dns.close();
    }

    @Test
    void aFloodOfAnswersIsProbedAtAFewAddressesAndTheRunEndsByItsDeadline() {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> vigil("probe",
                "http://" + FLOOD + ":" + up.port() + "/", "--resolver", "127.0.0.1:" + dns.port(), "--no-authoritative",
                "--timeout", "5s", "--output", "json"));

        JsonNode json = run.json();
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("connect_refused", json.get("failure").get("kind").asText());
        assertEquals(16, json.get("dns").get("resolved").size());
        assertEquals(RECORDS - 16, json.get("dns").get("addressesNotProbed").asInt());
        assertTrue(json.get("diagnosis").toString().contains("Probed 16 of the 4000 addresses of " + FLOOD
                + "; the other 3984 were not probed (dns.maxAddresses is 16)."), run::toString);
    }

    @Test
    void theTextReportListsAFewOfTheAddresses() {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> vigil("probe",
                "http://" + FLOOD + ":" + up.port() + "/", "--resolver", "127.0.0.1:" + dns.port(), "--no-authoritative",
                "--timeout", "5s", "--max-addresses", "2"));

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("  dns    127.0.0.1:" + dns.port() + ": 127.1.0.0 127.1.0.1 127.1.0.10"
                + " 127.1.0.100 127.1.0.101 127.1.0.102 127.1.0.103 127.1.0.104 127.1.0.105 127.1.0.106 127.1.0.107"
                + " 127.1.0.108 127.1.0.109 127.1.0.11 127.1.0.110 127.1.0.111 and 3984 more, TTL 60 s\n"), run::toString);
        assertTrue(run.stdout().contains("  why    Probed 2 of the 4000 addresses of " + FLOOD + "; the other 3998 were"
                + " not probed (dns.maxAddresses is 2).\n"), run::toString);
        assertTrue(run.stdout().length() < 4096, () -> run.stdout().length() + " characters");
    }

    @Test
    void manyProbesOfAConfigEndWithinTheLongestTimeoutWhateverTheTargetsDo() throws Exception {
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {
                  "defaults": { "timeout": "3s" },
                  "probes": [
                    { "name": "flood", "url": "http://%s:%d/", "timeout": "5s",
                      "dns": { "resolvers": ["127.0.0.1:%d"], "authoritative": false, "maxAddresses": 4 } },
                    { "name": "silent-resolver", "url": "http://localhost:%d/",
                      "dns": { "resolvers": ["127.0.0.1:%d"], "authoritative": false } },
                    { "name": "hung", "url": "http://127.0.0.1:%d/" },
                    { "name": "up", "url": "http://127.0.0.1:%d/" }
                  ]
                }
                """.formatted(FLOOD, up.port(), dns.port(), up.port(), silentDns.port(), hung.port(), up.port()));

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> vigil("probe", "--config", config.toString(), "--output", "json"));

        assertEquals(2, run.exitCode(), run::toString);
        Map<String, JsonNode> probes = new HashMap<>();
        run.json().get("probes").forEach(p -> probes.put(p.get("name").asText(), p));
        assertEquals("connect_refused", probes.get("flood").get("failure").get("kind").asText());
        assertEquals(4, probes.get("flood").get("dns").get("resolved").size());
        assertEquals("dns", probes.get("silent-resolver").get("failure").get("kind").asText());
        assertTrue(probes.get("silent-resolver").get("failure").get("message").asText().startsWith(
                "none of the named resolvers 127.0.0.1:" + silentDns.port() + " gave an address for localhost"),
                run::toString);
        assertEquals("timeout", probes.get("hung").get("failure").get("kind").asText());
        assertTrue(probes.get("up").get("success").asBoolean(), run::toString);
    }
}
