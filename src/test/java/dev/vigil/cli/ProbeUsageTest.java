package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.Responders;
import dev.vigil.testing.TlsTestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad usage exits 3 (UNKNOWN) naming what is wrong, before anything is probed; header values are never printed. */
class ProbeUsageTest {
    private static final String SECRET = "SECRET123";
    private static final String AUTH = "Authorization: Bearer " + SECRET;

    /** Every case probes nothing: either the URL is unreachable or parsing stops first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--resolve nonsense                  | --resolve",
            "--resolve api.test:99999:127.0.0.1  | --resolve",
            "--resolve api.test:443:not-an-ip    | --resolve",
            "--expect-status abc                 | --expect-status",
            "--expect-status 299-200             | --expect-status",
            "--timeout 0s                        | --timeout",
            "--timeout soon                      | --timeout",
            "--max-body-size lots                | --max-body-size",
            "--expect-body (unclosed             | --expect-body",
            "-4 -6                               | -4 and -6",
            "--warn-days 2 --crit-days 5         | --warn-days",
            "--frobnicate                        | --frobnicate",
            "--output yaml                       | --output",
    })
    void badFlagExitsUnknownNamingTheFlag(String flags, String named) {
        String[] args = ("probe " + flags + " http://127.0.0.1:1/").split("\\s+");

        CliRun run = vigil(args);

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("UNKNOWN - "), run::toString);
        assertTrue(run.stderr().contains(named), run::toString);
        assertTrue(run.stderr().contains("vigil probe --help"), run::toString);
        assertEquals("", run.stdout(), run::toString);
    }

    @Test
    void missingUrlExitsUnknown() {
        CliRun run = vigil("probe", "-o", "json");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("give a URL"), run::toString);
        assertEquals("", run.stdout());
    }

    @Test
    void insecureWithCaFileExitsUnknown() {
        CliRun run = vigil("probe", "--insecure", "--ca-file", "pom.xml", "https://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--insecure and --ca-file"), run::toString);
    }

    @Test
    void unreadableCaFileExitsUnknown() {
        CliRun run = vigil("probe", "--ca-file", "no/such/root.pem", "https://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--ca-file no/such/root.pem"), run::toString);
    }

    @Test
    void expectHttpsRedirectNeedsAnHttpUrl() {
        CliRun run = vigil("probe", "--expect-https-redirect", "https://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--expect-https-redirect"), run::toString);
    }

    @Test
    void unknownSubcommandOrStrayArgumentExitsUnknown() {
        CliRun run = vigil("probe", "http://127.0.0.1:1/", "http://127.0.0.1:2/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("UNKNOWN - "), run::toString);
    }

    @Test
    void headerValueIsSentButNeverPrintedOnSuccess() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.ok("up")).start()) {
            CliRun json = vigil("probe", "-o", "json", "-H", AUTH, server.uri("/").toString());
            CliRun text = vigil("probe", "-H", AUTH, server.uri("/").toString());

            assertEquals(0, json.exitCode(), json::toString);
            assertEquals(0, text.exitCode(), text::toString);
            assertEquals("Bearer " + SECRET, server.requests().getFirst().header("authorization"));
            assertNoSecret(json);
            assertNoSecret(text);
        }
    }

    @Test
    void headerValueIsNeverPrintedOnAFailingProbe() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain()
                .responder(Responders.fixed(401, Map.of("WWW-Authenticate", "Bearer"), "unauthorized")).start()) {
            CliRun json = vigil("probe", "-o", "json", "-H", AUTH, server.uri("/").toString());
            CliRun text = vigil("probe", "--header", AUTH, server.uri("/").toString());

            assertEquals(2, json.exitCode(), json::toString);
            assertEquals("http_status", json.json().get("failure").get("kind").asText());
            assertEquals(2, text.exitCode(), text::toString);
            assertNoSecret(json);
            assertNoSecret(text);
        }
        CliRun refused = vigil("probe", "-o", "json", "-H", AUTH, "http://127.0.0.1:1/");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertNoSecret(refused);
    }

    @Test
    void headerValueIsNeverPrintedOnBadUsageOrHelp() {
        CliRun malformed = vigil("probe", "-H", "Bearer" + SECRET, "http://127.0.0.1:1/");
        CliRun otherError = vigil("probe", "-H", AUTH, "--timeout", "0s", "http://127.0.0.1:1/");
        CliRun help = vigil("probe", "--help", "-H", AUTH, "http://127.0.0.1:1/");

        assertEquals(3, malformed.exitCode(), malformed::toString);
        assertTrue(malformed.stderr().contains("--header"), malformed::toString);
        assertNoSecret(malformed);
        assertEquals(3, otherError.exitCode(), otherError::toString);
        assertNoSecret(otherError);
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.stdout().contains("--header"), help::toString);
        assertNoSecret(help);
    }

    @Test
    void secretHeaderIsNotForwardedToAnotherOriginOnRedirect() throws Exception {
        try (TlsTestServer other = TlsTestServer.plain().bindAddress("127.0.0.2").responder(Responders.ok("other")).start();
             TlsTestServer first = TlsTestServer.plain()
                     .responder(Responders.redirect(302, other.uri("/").toString())).start()) {
            CliRun run = vigil("probe", "-o", "json", "-H", AUTH, first.uri("/").toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(1, run.json().get("http").get("redirects").asInt());
            assertEquals("Bearer " + SECRET, first.requests().getFirst().header("authorization"));
            assertNull(other.requests().getFirst().header("authorization"), () -> other.requests().toString());
        }
    }

    private static void assertNoSecret(CliRun run) {
        assertFalse(run.stdout().contains(SECRET), run::toString);
        assertFalse(run.stderr().contains(SECRET), run::toString);
    }
}
