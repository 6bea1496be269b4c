package dev.vigil.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import dev.vigil.testing.WireMockHttps;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil probe --output json} against real TLS servers on loopback: certificates, trust and expiry. */
class ProbeTlsTest {
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

    private static String localhost(TlsTestServer server) {
        return "https://localhost:" + server.port() + "/";
    }

    @Test
    void validLeafFromWireMockIsVerifiedAndFullyReported() throws Exception {
        // 0x0c... keeps a leading zero nibble, which the blackbox_exporter form of serialHex keeps too.
        BigInteger serial = new BigInteger("0c0ffee0c0ffee01", 16);
        Issued leaf = PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").serial(serial).issue();
        try (WireMockHttps wm = WireMockHttps.start(leaf)) {
            wm.server().stubFor(get("/health").willReturn(ok("up and running")));

            CliRun run = vigil("probe", "--output", "json", "--ca-file", rootPem.toString(),
                    wm.httpsUri("/health").toString());

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("success").asBoolean());
            assertEquals("OK", json.get("status").asText());
            assertFalse(json.has("failure"), run::toString);
            assertEquals(wm.httpsUri("/health").toString(), json.get("url").asText());

            JsonNode http = json.get("http");
            assertEquals(200, http.get("status").asInt());
            assertTrue(List.of("1.1", "2").contains(http.get("version").asText()), run::toString);
            assertEquals(0, http.get("redirects").asInt());
            assertEquals(wm.httpsUri("/health").toString(), http.get("finalUrl").asText());
            assertEquals("up and running".length(), http.get("contentLength").asLong());

            JsonNode tls = json.get("tls");
            assertTrue(tls.get("verified").asBoolean());
            assertTrue(tls.get("verifyError").isNull());
            assertEquals(1, tls.get("chain").size(), run::toString);
            JsonNode cert = tls.get("chain").get(0);
            assertEquals("CN=localhost", cert.get("subject").asText());
            assertEquals("CN=Vigil Test Root", cert.get("issuer").asText());
            assertEquals("0c0ffee0c0ffee01", cert.get("serialHex").asText());
            assertEquals(sha256(leaf.certificate()), cert.get("sha256").asText());
            assertEquals(List.of("localhost", "127.0.0.1"), texts(cert.get("sans")));
            assertEquals(leaf.certificate().getNotAfter().toInstant(), Instant.parse(cert.get("notAfter").asText()));
            assertEquals("EC", cert.get("keyType").asText());
            assertEquals(256, cert.get("keyBits").asInt());
            // Valid from an hour ago for 90 days: 89 whole days and some hours are left.
            assertEquals(89, tls.get("daysLeft").asLong());
        }
    }

    @Test
    void serialWithHighBitSetHasNoSignByte() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").serial(new BigInteger("80c0ffee", 16)).issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("80c0ffee", leafOf(run).get("serialHex").asText());
        }
    }

    @Test
    void pinnedAddressWithResolveVerifiesTheNameGiven() throws Exception {
        Issued leaf = PKI.leaf("api.test").sans("api.test").issue();
        try (TlsTestServer server = serve(leaf)) {
            String url = "https://api.test:" + server.port() + "/";
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(),
                    "--resolve", "api.test:" + server.port() + ":127.0.0.1", url);

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("tls").get("verified").asBoolean());
            assertEquals("1.1", json.get("http").get("version").asText());
            assertEquals(url, json.get("http").get("finalUrl").asText());
            assertEquals(List.of("api.test"), texts(leafOf(run).get("sans")));
            assertEquals("api.test", server.requests().getFirst().header("host").replaceFirst(":\\d+$", ""));
        }
    }

    @Test
    void expiredLeafIsCriticalAndTheChainIsStillReported() throws Exception {
        Instant now = Instant.now();
        Issued leaf = PKI.leaf("localhost").sans("localhost")
                .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertFalse(json.get("success").asBoolean());
            assertEquals("CRITICAL", json.get("status").asText());
            assertEquals("cert_expired", json.get("failure").get("kind").asText());
            assertUnverifiedWithChain(run, leaf);
            assertTrue(json.get("tls").get("daysLeft").asLong() < 0, run::toString);
        }
    }

    @Test
    void notYetValidLeafIsCritical() throws Exception {
        Instant now = Instant.now();
        Issued leaf = PKI.leaf("localhost").sans("localhost")
                .validBetween(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(90))).issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("cert_not_yet_valid", run.json().get("failure").get("kind").asText());
            assertUnverifiedWithChain(run, leaf);
        }
    }

    @Test
    void leafForAnotherNameIsAHostnameMismatch() throws Exception {
        Issued leaf = PKI.leaf("other.test").sans("other.test").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode failure = run.json().get("failure");
            assertEquals("cert_hostname_mismatch", failure.get("kind").asText());
            assertTrue(failure.get("message").asText().contains("other.test"), run::toString);
            assertUnverifiedWithChain(run, leaf);
        }
    }

    @Test
    void leafForAnotherNameIsAHostnameMismatchOnThePinnedPath() throws Exception {
        Issued leaf = PKI.leaf("other.test").sans("other.test").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(),
                    "--resolve", "localhost:" + server.port() + ":127.0.0.1", localhost(server));

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("cert_hostname_mismatch", run.json().get("failure").get("kind").asText());
            assertUnverifiedWithChain(run, leaf);
        }
    }

    @Test
    void selfSignedLeafIsUntrustedByTheJdkTrustStore() throws Exception {
        Issued leaf = TestPki.selfSigned("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", localhost(server));

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode failure = run.json().get("failure");
            assertEquals("cert_untrusted", failure.get("kind").asText());
            assertTrue(failure.get("message").asText().contains("self-signed"), run::toString);
            assertUnverifiedWithChain(run, leaf);
            assertTrue(run.json().get("tls").get("verifyError").asText().contains("self-signed"), run::toString);
        }
    }

    @Test
    void leafFromAnIntermediateVerifiesWithOnlyTheRootTrusted() throws Exception {
        Issued intermediate = PKI.intermediate("Vigil Test Intermediate");
        Issued leaf = PKI.leaf("localhost", intermediate).sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode tls = run.json().get("tls");
            assertTrue(tls.get("verified").asBoolean());
            JsonNode chain = tls.get("chain");
            assertEquals(2, chain.size(), run::toString);
            assertEquals("CN=localhost", chain.get(0).get("subject").asText());
            assertEquals("CN=Vigil Test Intermediate", chain.get(0).get("issuer").asText());
            assertEquals("CN=Vigil Test Intermediate", chain.get(1).get("subject").asText());
            assertEquals("CN=Vigil Test Root", chain.get(1).get("issuer").asText());
            assertEquals(sha256(intermediate.certificate()), chain.get(1).get("sha256").asText());
            assertEquals(hex(intermediate.certificate().getSerialNumber()), chain.get(1).get("serialHex").asText());
        }
    }

    @Test
    void insecureAcceptsASelfSignedLeafButNeverCallsItVerified() throws Exception {
        Issued leaf = TestPki.selfSigned("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--insecure", localhost(server));

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("success").asBoolean());
            assertEquals("OK", json.get("status").asText());
            assertUnverifiedWithChain(run, leaf);
            assertEquals(200, json.get("http").get("status").asInt());
        }
    }

    @Test
    void leafExpiringWithinWarnDaysIsAWarning() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").validFor(Duration.ofDays(10)).issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(1, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("success").asBoolean());
            assertEquals("WARNING", json.get("status").asText());
            assertFalse(json.has("failure"));
            assertTrue(json.get("tls").get("verified").asBoolean());
            assertEquals(9, json.get("tls").get("daysLeft").asLong());
            assertTrue(json.get("reason").asText().contains("--warn-days 14"), run::toString);
        }
    }

    @Test
    void leafExpiringWithinCritDaysIsCritical() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").validFor(Duration.ofDays(2)).issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(2, run.exitCode(), run::toString);
            JsonNode json = run.json();
            assertTrue(json.get("success").asBoolean());
            assertEquals("CRITICAL", json.get("status").asText());
            assertEquals(1, json.get("tls").get("daysLeft").asLong());
            assertTrue(json.get("reason").asText().contains("--crit-days 3"), run::toString);
        }
    }

    @Test
    void customWarnDaysTurnsATwentyDayLeafIntoAWarning() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").validFor(Duration.ofDays(20)).issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun byDefault = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), localhost(server));
            CliRun custom = vigil("probe", "-o", "json", "--ca-file", rootPem.toString(), "--warn-days", "30",
                    localhost(server));

            assertEquals(0, byDefault.exitCode(), byDefault::toString);
            assertEquals("OK", byDefault.json().get("status").asText());
            assertEquals(1, custom.exitCode(), custom::toString);
            assertEquals("WARNING", custom.json().get("status").asText());
        }
    }

    @Test
    void textOutputStartsWithTheStatusAndNamesTheCertificate() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", "--ca-file", rootPem.toString(), localhost(server));

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.stdout().startsWith("OK - " + localhost(server)), run::toString);
            assertTrue(run.stdout().contains("CN=localhost"), run::toString);
            assertTrue(run.stdout().contains(hex(leaf.certificate().getSerialNumber())), run::toString);
        }
    }

    @Test
    void textOutputOfAnUntrustedLeafIsCriticalAndStillNamesTheCertificate() throws Exception {
        Issued leaf = TestPki.selfSigned("localhost").sans("localhost").issue();
        try (TlsTestServer server = serve(leaf)) {
            CliRun run = vigil("probe", localhost(server));

            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.stdout().startsWith("CRITICAL - " + localhost(server) + ": cert_untrusted"), run::toString);
            assertTrue(run.stdout().contains("CN=localhost"), run::toString);
            assertTrue(run.stdout().contains("NOT verified"), run::toString);
        }
    }

    /** Not verified, with a reason, yet the served chain is there with the leaf first. */
    private static void assertUnverifiedWithChain(CliRun run, Issued leaf) throws Exception {
        JsonNode tls = run.json().get("tls");
        assertNotNull(tls, run::toString);
        assertFalse(tls.get("verified").asBoolean(), run::toString);
        assertTrue(tls.get("verifyError").isTextual() && !tls.get("verifyError").asText().isBlank(), run::toString);
        JsonNode cert = tls.get("chain").get(0);
        assertEquals(leaf.certificate().getSubjectX500Principal().getName(), cert.get("subject").asText());
        assertEquals(hex(leaf.certificate().getSerialNumber()), cert.get("serialHex").asText());
        assertEquals(sha256(leaf.certificate()), cert.get("sha256").asText());
        assertEquals(leaf.certificate().getNotAfter().toInstant(), Instant.parse(cert.get("notAfter").asText()));
    }

    private static JsonNode leafOf(CliRun run) {
        return run.json().get("tls").get("chain").get(0);
    }

    /** Lowercase hex of the serial's magnitude, leading zero nibble kept; random test serials never need one. */
    private static String hex(BigInteger serial) {
        String hex = serial.toString(16);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static String sha256(X509Certificate cert) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
