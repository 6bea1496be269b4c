package dev.vigil.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.cert.CtFailure;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Observation;
import dev.vigil.state.StateStore;
import dev.vigil.state.VigilState;
import dev.vigil.testing.Issued;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil probe --state-dir} run again and again against WireMock over HTTPS on loopback, its certificate swapped
 * between runs, and {@code vigil certs} reading back what was recorded.
 */
class CertHistoryCliTest {
    private static final TestPki PKI = TestPki.create();
    /** An intermediate named like Let's Encrypt's: only its certificates count against the limits Vigil models. */
    private static final Issued LETS_ENCRYPT = PKI.intermediate("R11,O=Let's Encrypt,C=US");

    @TempDir
    Path dir;

    private Issued leaf(Instant from, Instant until) {
        return PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost").validBetween(from, until).issue();
    }

    /** WireMock over HTTPS answering 200 on {@code /health}. */
    private static WireMockHttps serve(Issued leaf) {
        WireMockHttps server = WireMockHttps.start(leaf);
        server.server().stubFor(get("/health").willReturn(ok("up")));
        return server;
    }

    private CliRun probe(WireMockHttps server, Path root, String... more) {
        List<String> args = new ArrayList<>(List.of("probe", "https://localhost:" + server.httpsUri().getPort()
                + "/health", "--ca-file",
                root.toString(), "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return vigil(args.toArray(String[]::new));
    }

    private static List<String> kinds(JsonNode node) {
        return StreamSupport.stream(node.spliterator(), false).map(event -> event.get("kind").asText()).toList();
    }

    @Test
    void reissuesRunTheDuplicateLimitDryAndAFallbackToADefaultCertificateIsCritical() throws Exception {
        Path root = TestPki.writePem(dir.resolve("root.pem"), PKI.root().certificate());
        Instant now = Instant.now();
        Instant issued = now.minus(Duration.ofHours(1));
        WireMockHttps server = serve(leaf(issued, issued.plus(Duration.ofDays(90))));
        try {
            CliRun first = probe(server, root);
            assertEquals(0, first.exitCode(), first::toString);

            List<List<String>> events = new ArrayList<>();
            List<Integer> exits = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                server = server.serving(leaf(issued.plusSeconds(i), issued.plus(Duration.ofDays(90))));
                CliRun run = probe(server, root, "--output", "json");
                exits.add(run.exitCode());
                events.add(kinds(run.json().get("certEvents")));
            }
            // Each one-shot run reports a limit that is low, as a check run from cron should.
            assertEquals(List.of(List.of("reissue"), List.of("reissue", "duplicate_limit"),
                    List.of("reissue", "duplicate_limit"), List.of("reissue", "duplicate_limit")), events);
            assertEquals(List.of(1, 1, 1, 2), exits);

            server = server.serving(TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans("localhost").issue());
            CliRun fallback = probe(server, root, "--output", "json");
            assertEquals(2, fallback.exitCode(), fallback::toString);
            JsonNode issuerChanged = fallback.json().get("certEvents").get(0);
            assertEquals("issuer_changed", issuerChanged.get("kind").asText());
            assertEquals("critical", issuerChanged.get("severity").asText());
        } finally {
            server.close();
        }

        CliRun certs = vigil("certs", "--state-dir", dir.resolve("state").toString(), "--output", "json");
        assertEquals(0, certs.exitCode(), certs::toString);
        JsonNode endpoint = certs.json().get(0);
        assertEquals(List.of("reissue", "reissue", "reissue", "reissue", "issuer_changed"),
                kinds(endpoint.get("changes")));
        assertEquals("CN=TRAEFIK DEFAULT CERT", endpoint.get("current").get("issuer").asText());
        assertEquals(false, endpoint.get("current").get("verified").asBoolean());
        // The default certificate has the same name, yet no CA issued it: it counts against neither limit.
        assertEquals(5, endpoint.get("registeredDomainLimit").get("issued168h").asInt(), endpoint::toString);
        assertEquals(5, endpoint.get("duplicateLimit").get("issued168h").asInt(), endpoint::toString);

        CliRun text = vigil(Map.of("STATE_DIRECTORY", dir.resolve("state").toString()), "certs");
        assertTrue(text.stdout().contains("reissue (warning): certificate re-issued"), text::toString);
        assertTrue(text.stdout().contains("issuer_changed (critical)"), text::toString);
    }

    /**
     * The incident replayed: the same two names re-issued four times within hours, then the ingress falls back to its
     * self-signed default certificate for one of them. The exhausted set stays in {@code vigil certs}, and the default
     * certificate counts against no limit.
     */
    @Test
    void afterAFallbackToTheDefaultCertificateCertsShowsTheExhaustedSetAndCountsNoSelfSignedCertificate()
            throws Exception {
        Path root = TestPki.writePem(dir.resolve("root.pem"), PKI.root().certificate());
        Instant issued = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        WireMockHttps server = null;
        try {
            for (int i = 0; i <= 4; i++) {
                Issued pair = PKI.leaf("localhost", LETS_ENCRYPT).sans("localhost", "api.localhost")
                        .validBetween(issued.plusSeconds(i), issued.plus(Duration.ofDays(90))).issue();
                server = server == null ? serve(pair) : server.serving(pair);
                probe(server, root);
            }
            server = server.serving(TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans("localhost").issue());
            CliRun fallback = probe(server, root);
            assertEquals(2, fallback.exitCode(), fallback::toString);
        } finally {
            if (server != null) {
                server.close();
            }
        }

        CliRun certs = vigil("certs", "--state-dir", dir.resolve("state").toString(), "--output", "json");
        assertEquals(0, certs.exitCode(), certs::toString);
        JsonNode endpoint = certs.json().get(0);
        String next = issued.plus(Duration.ofHours(34)).toString();
        // The default certificate's own set: no CA issued it, so nothing is used.
        assertEquals("{\"issued168h\":0,\"left\":5,\"level\":\"ok\"}", endpoint.get("duplicateLimit").toString());
        assertEquals(5, endpoint.get("registeredDomainLimit").get("issued168h").asInt(), endpoint::toString);
        JsonNode exhausted = endpoint.get("nameSets").get(1);
        assertEquals("[\"api.localhost\",\"localhost\"]", exhausted.get("names").toString());
        assertEquals(false, exhausted.get("current").asBoolean());
        assertEquals(5, exhausted.get("issued168h").asInt());
        assertEquals(0, exhausted.get("left").asInt());
        assertEquals("critical", exhausted.get("level").asText());
        assertEquals(next, exhausted.get("nextAvailable").asText());
        assertEquals(2, endpoint.get("nameSets").size());

        CliRun text = vigil("certs", "--state-dir", dir.resolve("state").toString());
        String lastServed = exhausted.get("lastServed").asText();
        assertTrue(text.stdout().contains("  limit    exact set: 0 issued in 168 h, 5 left\n"
                + "  limit    earlier set {api.localhost, localhost}: 5 issued in 168 h, 0 left, next available " + next
                + " [critical] (served until " + lastServed + ")\n"
                + "  limit    localhost: 5 issued in 168 h, 45 left"), text::toString);
    }

    @Test
    void certsSaysSinceWhenTransparencyLogsCouldNotBeAsked() throws Exception {
        Endpoint endpoint = new Endpoint("api.example.com", 443, "");
        Instant seen = Instant.parse("2026-11-25T09:00:00Z");
        Observation cert = new Observation("0a", "CN=R11,O=Let's Encrypt,C=US", "CN=api.example.com",
                List.of("api.example.com"), seen.minus(Duration.ofDays(1)), seen.plus(Duration.ofDays(89)), "ab12",
                List.of("CN=R11,O=Let's Encrypt,C=US"), true, seen, seen);
        CtFailure failure = new CtFailure(seen.minus(Duration.ofHours(3)),
                "crt.sh did not answer q=api.example.com within 20s");
        try (StateStore store = StateStore.open(dir.resolve("state"), java.time.Clock.systemUTC())) {
            store.save(VigilState.empty().withEndpoints(Map.of(endpoint.key(), new EndpointHistory(endpoint,
                    Set.of("api"), List.of(cert), List.of(), null, null, List.of(), failure))));
        }

        CliRun text = vigil("certs", "--state-dir", dir.resolve("state").toString());
        CliRun json = vigil("certs", "--state-dir", dir.resolve("state").toString(), "--output", "json");

        assertTrue(text.stdout().contains("\n  ct       could not be asked since 2026-11-25T06:00:00Z: crt.sh did not answer"
                + " q=api.example.com within 20s\n"), text::toString);
        assertEquals("{\"since\":\"2026-11-25T06:00:00Z\",\"message\":\"crt.sh did not answer q=api.example.com"
                + " within 20s\"}", json.json().get(0).get("ctFailure").toString());
    }

    @Test
    void aCertificateReplacedInItsRenewalWindowIsARenewal() throws Exception {
        Path root = TestPki.writePem(dir.resolve("root.pem"), PKI.root().certificate());
        Instant now = Instant.now();
        WireMockHttps server = serve(leaf(now.minus(Duration.ofDays(70)), now.plus(Duration.ofDays(20))));
        try {
            probe(server, root);
            server = server.serving(leaf(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(89))));

            CliRun renewed = probe(server, root, "--output", "json");

            assertEquals(0, renewed.exitCode(), renewed::toString);
            assertEquals(List.of("renewal"), kinds(renewed.json().get("certEvents")));
            assertEquals("info", renewed.json().get("certEvents").get(0).get("severity").asText());
        } finally {
            server.close();
        }
    }

    @Test
    void certsWithoutAStateFileSaysWhereItLooked() {
        CliRun run = vigil("certs", "--state-dir", dir.resolve("nowhere").toString());

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("no " + dir.resolve("nowhere").resolve("state.json") + " yet"), run::toString);
    }

    @Test
    void aLockedStateDirectoryIsAClearError() throws Exception {
        Path state = dir.resolve("state");
        try (var held = dev.vigil.state.StateStore.open(state, java.time.Clock.systemUTC())) {
            CliRun run = vigil("probe", "https://localhost:1/", "--state-dir", state.toString());

            assertEquals(3, run.exitCode(), run::toString);
            assertTrue(run.stderr().contains("is in use by another Vigil"), run::toString);
        }
        assertTrue(Files.isDirectory(state));
    }
}
