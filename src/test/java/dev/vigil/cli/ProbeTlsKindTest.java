package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil probe tls://HOST:PORT}: the TLS-only kind against real TLS servers on loopback. */
class ProbeTlsKindTest {
    private static final TestPki PKI = TestPki.create();

    @TempDir
    static Path dir;
    private static Path rootPem;

    @BeforeAll
    static void writeRoot() {
        rootPem = TestPki.writePem(dir.resolve("root.pem"), PKI.root().certificate());
    }

    private static TlsTestServer serve(Issued leaf) throws Exception {
        return TlsTestServer.tls(leaf).responder(Responders.ok("up")).start();
    }

    @Test
    void verifiedChainWithCaFileIsOkAndHasNoHttpFacts() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            String target = "tls://localhost:" + server.port();
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), target);

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("success").asBoolean(), run::toString);
            assertEquals(target, json.get("url").asText());
            assertFalse(json.has("http") && !json.get("http").isNull(), run::toString);
            assertTrue(json.get("tls").get("verified").asBoolean(), run::toString);
            assertEquals("CN=localhost", json.get("tls").get("chain").get(0).get("subject").asText());
        }
    }

    @Test
    void textOutputSaysTheHandshakeCompletedAndShowsTheCertificate() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            String target = "tls://localhost:" + server.port();
            CliRun run = vigil("probe", "--ca-file", rootPem.toString(), target);

            assertEquals(0, run.exitCode(), run::toString);
            String first = run.stdout().lines().findFirst().orElseThrow();
            assertTrue(first.startsWith("OK - " + target + ": handshake completed (TLS 1.3), certificate expires in "),
                    run::toString);
            assertTrue(run.stdout().contains("CN=localhost"), run::toString);
            assertFalse(run.stdout().contains("  http "), run::toString);
        }
    }

    @Test
    void stateDirRecordsTheCertificateOfATlsTarget() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            Path state = dir.resolve("state-" + server.port());
            CliRun run = vigil("probe", "--state-dir", state.toString(), "--ca-file", rootPem.toString(),
                    "tls://localhost:" + server.port());

            assertEquals(0, run.exitCode(), run::toString);
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(leaf.certificate().getEncoded()));
            String saved = Files.readString(state.resolve("state.json"));
            assertTrue(saved.contains(fingerprint) && saved.contains("\"port\":" + server.port()), saved);
        }
    }

    @Test
    void insecureCapturesAnUntrustedChainWithoutFailing() throws Exception {
        Issued leaf = TestPki.selfSigned("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--insecure", "tls://127.0.0.1:" + server.port());

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode tls = run.json().get("tls");
            assertFalse(tls.get("verified").asBoolean(), run::toString);
            assertEquals("CN=localhost", tls.get("chain").get(0).get("subject").asText());
        }
    }

    @Test
    void untrustedChainIsCriticalAndStillReported() throws Exception {
        Issued leaf = TestPki.selfSigned("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), "tls://localhost:" + server.port());

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertEquals("cert_untrusted", json.get("failure").get("kind").asText(), run::toString);
            assertEquals("CN=localhost", json.get("tls").get("chain").get(0).get("subject").asText());
        }
    }

    @Test
    void certificateExpiringWithinWarnDaysIsAWarning() throws Exception {
        Instant now = Instant.now();
        Issued leaf = PKI.leaf("localhost").sans("localhost")
                .validBetween(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(5))).issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "--ca-file", rootPem.toString(), "tls://localhost:" + server.port());

            assertEquals(1, run.exitCode(), run::toString);
        }
    }

    @Test
    void refusedConnectionIsCritical() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            CliRun run = vigil("probe", "-o", "json", "tls://127.0.0.1:" + closed.port());

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("connect_refused", run.json().get("failure").get("kind").asText(), run::toString);
        }
    }

    @Test
    void httpFlagsAndUnknownStarttlsAreUsageErrors() {
        CliRun method = vigil("probe", "-X", "HEAD", "tls://localhost:443");
        assertEquals(3, method.exitCode(), method::toString);
        assertTrue(method.toString().contains("--method applies to http(s) URLs only, not to the tls:// target"
                + " tls://localhost:443"), method::toString);

        // The form of the docs: the target, then --starttls.
        CliRun unknown = vigil("probe", "tls://localhost:25", "--starttls", "gopher");
        assertEquals(3, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.toString().contains("--starttls: unknown STARTTLS protocol 'gopher'; expected one of smtp,"
                + " imap, pop3, ftp, ldap, postgres"), unknown::toString);

        CliRun onHttps = vigil("probe", "--starttls", "smtp", "https://localhost/");
        assertEquals(3, onHttps.exitCode(), onHttps::toString);
        assertTrue(onHttps.toString().contains("--starttls needs a tls:// URL, not https://"), onHttps::toString);

        CliRun withPath = vigil("probe", "tls://localhost:443/path");
        assertEquals(3, withPath.exitCode(), withPath::toString);
        assertTrue(withPath.toString().contains("a tls:// target is only tls://host:port, without a path, query or"
                + " fragment: tls://localhost:443/path"), withPath::toString);
    }
}
