package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.kinds.Probers;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code tls://} probe run by the agent through the standard probers: its metrics and its certificate history. */
class AgentTlsProbeTest {
    private static final TestPki PKI = TestPki.create();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aTlsProbeHasTheSslSeriesNoHttpSeriesAndACertificateHistory() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Path config = dir.resolve("probes.json");
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("up")).start();
             Probers probers = Probers.open(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test", name -> null, true)) {
            String instance = "tls://localhost:" + server.port();
            Files.writeString(config, """
                    {"probes": [{"name": "mail", "url": "%s", "interval": "1s", "timeout": "1s",
                                 "tls": {"caFile": "%s"}}]}
                    """.formatted(instance, ca));
            Path state = dir.resolve("state");
            Agent agent = Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), state, false), Clock.systemUTC(),
                    new ConfigLoader(name -> null)::load, probers, (settings, names) -> List.of());
            Scrape[] last = new Scrape[1];
            try {
                Eventually.until(WAIT, "the TLS probe reported", () -> {
                    last[0] = Scrape.of(agent.address());
                    return last[0].value("probe_success", "probe", "mail").isPresent();
                });
            } finally {
                agent.close();
            }
            Scrape scrape = last[0];

            assertEquals(1.0, scrape.value("probe_success", "probe", "mail", "instance", instance).orElseThrow(),
                    scrape::text);
            assertEquals(leaf.certificate().getNotAfter().toInstant().getEpochSecond(),
                    (long) scrape.value("probe_ssl_earliest_cert_expiry", "probe", "mail").orElseThrow());
            assertTrue(scrape.value("probe_tls_version_info", "probe", "mail", "version", "TLS 1.3").isPresent(),
                    scrape::text);
            assertTrue(scrape.value("vigil_cert_first_seen_timestamp_seconds", "probe", "mail").isPresent(),
                    scrape::text);
            assertFalse(scrape.text().lines().anyMatch(line -> line.startsWith("probe_http_")), scrape::text);
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(leaf.certificate().getEncoded()));
            String saved = Files.readString(state.resolve("state.json"));
            assertTrue(saved.contains(fingerprint) && saved.contains("\"port\":" + server.port()), saved);
        }
    }
}
