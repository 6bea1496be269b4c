package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responder;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil probe --output json}: status, body and redirect expectations against loopback servers. */
class ProbeHttpTest {
    @TempDir
    Path dir;

    /** Answers by request target; anything unrouted is a 404. */
    private static Responder routes(Map<String, Responder> byTarget) {
        Responder notFound = Responders.fixed(404, Map.of(), "no such page");
        return (request, exchange) -> byTarget.getOrDefault(request.target(), notFound).respond(request, exchange);
    }

    private static TlsTestServer plain(Responder responder) throws Exception {
        return TlsTestServer.plain().responder(responder).start();
    }

    @Test
    void serviceUnavailableBreaksTheExpectedStatusRange() throws Exception {
        try (TlsTestServer server = plain(Responders.fixed(503, Map.of(), "down for maintenance"))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-status", "200-299", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertFalse(json.get("success").asBoolean());
            assertEquals("CRITICAL", json.get("status").asText());
            assertEquals("http_status", json.get("failure").get("kind").asText());
            assertEquals(503, json.get("http").get("status").asInt());
            assertEquals("1.1", json.get("http").get("version").asText());
            assertEquals("down for maintenance".length(), json.get("http").get("contentLength").asLong());
            assertFalse(json.has("tls"), "plain HTTP has no TLS facts");
        }
    }

    @Test
    void acceptedStatusOutsideTwoHundredsPasses() throws Exception {
        try (TlsTestServer server = plain(Responders.fixed(503, Map.of(), "down"))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-status", "200,500-503", server.uri("/").toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(503, run.json().get("http").get("status").asInt());
        }
    }

    @Test
    void bodyMatchingExpectBodyPasses() throws Exception {
        String body = "{\"status\": \"ok\"}";
        try (TlsTestServer server = plain(Responders.ok(body))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-body", "\"status\":\\s*\"ok\"",
                    "--fail-if-body", "degraded", server.uri("/health").toString());

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("success").asBoolean());
            assertEquals(body.length(), json.get("http").get("contentLength").asLong());
        }
    }

    @Test
    void bodyNotMatchingExpectBodyIsABodyMismatch() throws Exception {
        try (TlsTestServer server = plain(Responders.ok("{\"status\": \"starting\"}"))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-body", "\"status\":\\s*\"ok\"", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("body_mismatch", run.json().get("failure").get("kind").asText());
            assertEquals(200, run.json().get("http").get("status").asInt());
        }
    }

    @Test
    void bodyMatchingFailIfBodyIsABodyMismatch() throws Exception {
        try (TlsTestServer server = plain(Responders.ok("{\"status\": \"degraded\"}"))) {
            CliRun run = vigil("probe", "-o", "json", "--fail-if-body", "degraded", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode failure = run.json().get("failure");
            assertEquals("body_mismatch", failure.get("kind").asText());
            assertTrue(failure.get("message").asText().contains("degraded"), run::toString);
        }
    }

    @Test
    void redirectNotFollowedIsJudgedAsItsOwnStatus() throws Exception {
        try (TlsTestServer server = plain(routes(Map.of("/", Responders.redirect(302, "/elsewhere"))))) {
            CliRun run = vigil("probe", "-o", "json", "--no-follow-redirects", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertEquals("http_status", json.get("failure").get("kind").asText());
            assertEquals(302, json.get("http").get("status").asInt());
            assertEquals(0, json.get("http").get("redirects").asInt());
            assertEquals(server.uri("/").toString(), json.get("http").get("finalUrl").asText());
            assertEquals(1, server.requestsServed());
        }
    }

    @Test
    void redirectChainIsFollowedAndReported() throws Exception {
        try (TlsTestServer server = plain(routes(Map.of(
                "/a", Responders.redirect(301, "/b"),
                "/b", Responders.redirect(302, "/c"),
                "/c", Responders.ok("arrived"))))) {
            CliRun run = vigil("probe", "-o", "json", server.uri("/a").toString());

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode http = run.json().get("http");
            assertEquals(200, http.get("status").asInt());
            assertEquals(2, http.get("redirects").asInt());
            assertEquals(server.uri("/c").toString(), http.get("finalUrl").asText());
            assertEquals("arrived".length(), http.get("contentLength").asLong());
            assertEquals(server.uri("/a").toString(), run.json().get("url").asText());
        }
    }

    @Test
    void redirectLoopIsARedirectFailure() throws Exception {
        try (TlsTestServer server = plain(routes(Map.of(
                "/x", Responders.redirect(302, "/y"),
                "/y", Responders.redirect(302, "/x"))))) {
            CliRun run = vigil("probe", "-o", "json", server.uri("/x").toString());

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode failure = run.json().get("failure");
            assertEquals("redirect", failure.get("kind").asText());
            assertTrue(failure.get("message").asText().contains("loop"), run::toString);
        }
    }

    @Test
    void httpsRedirectExpectedAndGivenPassesWithoutFollowing() throws Exception {
        try (TlsTestServer server = plain(Responders.redirect(301, "https://127.0.0.1:1/"))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-https-redirect", "--no-follow-redirects",
                    server.uri("/").toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(301, run.json().get("http").get("status").asInt());
            assertTrue(run.json().get("success").asBoolean());
        }
    }

    @Test
    void httpsRedirectExpectedAndGivenPassesWhenFollowedToAVerifiedServer() throws Exception {
        TestPki pki = TestPki.create();
        Path rootPem = TestPki.writePem(dir.resolve("root.pem"), pki.root().certificate());
        Issued leaf = pki.leaf("localhost").sans("localhost").issue();
        try (TlsTestServer https = TlsTestServer.tls(leaf).responder(Responders.ok("secure")).start();
             TlsTestServer http = plain(Responders.redirect(301, "https://localhost:" + https.port() + "/"))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-https-redirect", "--ca-file", rootPem.toString(),
                    "http://localhost:" + http.port() + "/");

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertEquals(1, json.get("http").get("redirects").asInt());
            assertEquals("https://localhost:" + https.port() + "/", json.get("http").get("finalUrl").asText());
            assertTrue(json.get("tls").get("verified").asBoolean());
        }
    }

    @Test
    void httpsRedirectExpectedButPageServedOverHttpFails() throws Exception {
        try (TlsTestServer server = plain(Responders.ok("plain text page"))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-https-redirect", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("redirect", run.json().get("failure").get("kind").asText());
            assertEquals(200, run.json().get("http").get("status").asInt());
        }
    }

    @Test
    void httpsRedirectExpectedButRedirectStaysOnHttpFails() throws Exception {
        try (TlsTestServer server = plain(routes(Map.of(
                "/", Responders.redirect(302, "/login"),
                "/login", Responders.ok("login"))))) {
            CliRun run = vigil("probe", "-o", "json", "--expect-https-redirect", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode failure = run.json().get("failure");
            assertEquals("redirect", failure.get("kind").asText());
            assertTrue(failure.get("message").asText().contains(server.uri("/login").toString()), run::toString);
        }
    }

    @Test
    void connectionRefusedIsCriticalWithoutHttpFacts() throws Exception {
        int port;
        try (TlsTestServer server = plain(Responders.ok("gone soon"))) {
            port = server.port();
        }
        CliRun run = vigil("probe", "-o", "json", "http://127.0.0.1:" + port + "/");

        assertEquals(2, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("connect_refused", json.get("failure").get("kind").asText());
        assertFalse(json.has("http"), run::toString);
    }

    @Test
    void textOutputOfAFailingProbeStartsWithCritical() throws Exception {
        try (TlsTestServer server = plain(Responders.fixed(500, Map.of(), "boom"))) {
            CliRun run = vigil("probe", server.uri("/").toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.stdout().startsWith("CRITICAL - " + server.uri("/") + ": http_status"), run::toString);
            assertTrue(run.stdout().contains("  http   500, HTTP/1.1"), run::toString);
        }
    }
}
