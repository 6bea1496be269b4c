package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responder;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Method, body limit, timeout, address family and pinned-path redirects, end to end. */
class ProbeEdgeTest {
    /** Knows one name, {@code v4only.test}, with only an IPv4 loopback address. */
    private static final Resolver V4_ONLY = host -> {
        if (host.equalsIgnoreCase("v4only.test")) {
            return List.of(InetAddress.getByAddress("v4only.test", new byte[] {127, 0, 0, 1}));
        }
        throw new UnknownHostException(host);
    };

    @TempDir
    Path dir;

    @Test
    void headRequestReadsNoBody() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.ok("a body HEAD must not get")).start()) {
            CliRun run = vigil("probe", "-o", "json", "-X", "head", server.uri("/").toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(0, run.json().get("http").get("contentLength").asLong());
            assertEquals("HEAD", server.requests().getFirst().method());
        }
    }

    @Test
    void bodyOverTheLimitIsBodyTooLarge() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.ok("x".repeat(4096))).start()) {
            CliRun run = vigil("probe", "-o", "json", "--max-body-size", "1KiB", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("body_too_large", run.json().get("failure").get("kind").asText());
            assertTrue(run.json().get("failure").get("message").asText().contains("1 KiB"), run::toString);
        }
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.neverAnswer()).start()) {
            CliRun run = vigil("probe", "-o", "json", "--timeout", "500ms", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertEquals("timeout", json.get("failure").get("kind").asText());
            assertTrue(json.get("durationSeconds").asDouble() < 5, run::toString);
        }
    }

    @Test
    void ipv4OnlyPinsTheIpv4Address() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.ok("v4")).start()) {
            CliRun run = vigil(V4_ONLY, Map.of(), "probe", "-o", "json", "-4",
                    "http://v4only.test:" + server.port() + "/");

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(200, run.json().get("http").get("status").asInt());
            assertTrue(server.requests().getFirst().header("host").startsWith("v4only.test"), run::toString);
        }
    }

    @Test
    void ipv6OnlyWithoutAnIpv6AddressIsADnsFailure() {
        CliRun run = vigil(V4_ONLY, Map.of(), "probe", "-o", "json", "-6", "http://v4only.test:8080/");

        assertEquals(2, run.exitCode(), run::toString);
        JsonNode failure = run.json().get("failure");
        assertEquals("dns", failure.get("kind").asText());
        assertTrue(failure.get("message").asText().contains("IPv6"), run::toString);
    }

    @Test
    void unresolvableNameIsADnsFailure() {
        CliRun run = vigil(V4_ONLY, Map.of(), "probe", "-o", "json", "-4", "http://nowhere.test:8080/");

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("dns", run.json().get("failure").get("kind").asText());
    }

    @Test
    void redirectsAreFollowedOnThePinnedPath() throws Exception {
        TestPki pki = TestPki.create();
        Path rootPem = TestPki.writePem(dir.resolve("root.pem"), pki.root().certificate());
        Issued leaf = pki.leaf("api.test").sans("api.test").issue();
        Responder notFound = Responders.fixed(404, Map.of(), "");
        Map<String, Responder> routes = Map.of("/old", Responders.redirect(308, "/new"), "/new", Responders.ok("new"));
        try (TlsTestServer server = TlsTestServer.tls(leaf)
                .responder((request, exchange) -> routes.getOrDefault(request.target(), notFound).respond(request, exchange))
                .start()) {
            String base = "https://api.test:" + server.port();
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(),
                    "--resolve", "api.test:" + server.port() + ":127.0.0.1", base + "/old");

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertEquals(1, json.get("http").get("redirects").asInt());
            assertEquals(base + "/new", json.get("http").get("finalUrl").asText());
            assertTrue(json.get("tls").get("verified").asBoolean());
        }
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutBeingPrinted() {
        CliRun run = vigil("probe", "http://admin:PASSW0RD-XYZ@127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("credentials"), run::toString);
        assertFalse(run.stdout().contains("PASSW0RD-XYZ") || run.stderr().contains("PASSW0RD-XYZ"), run::toString);
    }

    @Test
    void nonHttpUrlIsBadUsage() {
        CliRun run = vigil("probe", "ftp://127.0.0.1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("ftp://127.0.0.1/"), run::toString);
    }

    @Test
    void textOutputOfAnExpiringCertificateStartsWithWarning() throws Exception {
        TestPki pki = TestPki.create();
        Path rootPem = TestPki.writePem(dir.resolve("root.pem"), pki.root().certificate());
        Issued leaf = pki.leaf("localhost").sans("localhost").validFor(Duration.ofDays(10)).issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf).start()) {
            CliRun run = vigil("probe", "--ca-file", rootPem.toString(), "https://localhost:" + server.port() + "/");

            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.stdout().startsWith("WARNING - https://localhost:" + server.port() + "/: certificate expires in 9 days"),
                    run::toString);
            assertTrue(run.stdout().contains("cert 0 CN=localhost"), run::toString);
        }
    }
}
