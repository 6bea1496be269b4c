package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TlsTestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

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
            "--resolver dns.google               | --resolver: 'dns.google' is not an IP address[:port]",
            "--resolver 10.0.0.2:99999           | --resolver: bad port '99999'",
            "--resolver [2001:db8::53]:0         | --resolver: bad port '0'",
            "--resolver 10.0.0.2 --http2         | --resolver and --http2",
            "--expect-address lb.example.net     | --expect-address: 'lb.example.net' is not an IP address",
            "--expect-lb-hostname 203.0.113.7    | --expect-lb-hostname: '203.0.113.7' is not a DNS name",
    })
    void badFlagExitsUnknownNamingTheFlag(String flags, String named) {
        String[] args = ("probe " + flags + " http://127.0.0.1:1/").split("\\s+");

        CliRun run = vigil(args);

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("UNKNOWN - "), run::toString);
        assertTrue(run.stderr().contains(named), run::toString);
        assertTrue(run.stderr().contains("vigil probe --help"), run::toString);
        // Nagios reads stdout: the status line is there too.
        assertEquals(run.stderr().lines().findFirst().orElseThrow() + "\n", run.stdout(), run::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--resolver, 10.0.0.2", "--expect-address, 203.0.113.7", "--expect-lb-hostname, lb.example.net"})
    void dnsFlagsDescribeASingleUrlProbe(String flag, String value) {
        CliRun run = vigil("probe", "--config", "probes.example.json", flag, value);

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(flag + " describes a single URL probe"), run::toString);
        assertEquals(run.stderr().lines().findFirst().orElseThrow() + "\n", run.stdout(), run::toString);
    }

    @Test
    void noAuthoritativeDescribesASingleUrlProbe() {
        CliRun run = vigil("probe", "--config", "probes.example.json", "--no-authoritative");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--no-authoritative describes a single URL probe"), run::toString);
    }

    @Test
    void dnsFlagsBuildTheSpecsDnsOptions() throws UnknownHostException {
        HttpSpec spec = specOf("--resolver", "10.0.0.2", "--resolver", "[2001:DB8::53]:5353", "--no-authoritative",
                "--expect-address", "203.0.113.7", "--expect-address", "2001:db8:0:0:0:0:0:7",
                "--expect-lb-hostname", "LB-123.elb.example.net", "https://api.example.com/");

        assertEquals(new DnsOptions(List.of(new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 53),
                new InetSocketAddress(InetAddress.getByName("2001:db8::53"), 5353)), false,
                new ExpectedLb(List.of("203.0.113.7", "2001:db8::7"), "lb-123.elb.example.net", null)), spec.dns());
    }

    @Test
    void anyOneDnsFlagSwitchesTheChecksOnWithTheOthersDefaults() {
        assertNull(specOf("https://api.example.com/").dns());
        assertEquals(new DnsOptions(List.of(), false, null), specOf("--no-authoritative", "https://api.example.com/").dns());
        assertEquals(new DnsOptions(List.of(), true, new ExpectedLb(List.of(), "lb.example.net", null)),
                specOf("--expect-lb-hostname", "lb.example.net", "https://api.example.com/").dns());
    }

    @Test
    void maxAddressesCapsTheAddressesProbedAndIsCheckedForRange() {
        assertEquals(new DnsOptions(List.of(), true, null, 3), specOf("--max-addresses", "3", "https://api.example.com/")
                .dns());

        CliRun run = vigil("probe", "--max-addresses", "0", "https://api.example.com/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--max-addresses must be between 1 and 256, not 0"), run::toString);
    }

    @Test
    void anHttp2ProbeMayCheckDnsThroughTheSystemResolvers() {
        HttpSpec spec = specOf("--http2", "--expect-address", "203.0.113.7", "https://api.example.com/");

        assertEquals(new DnsOptions(List.of(), true, new ExpectedLb(List.of("203.0.113.7"), null, null)), spec.dns());
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
        try (ClosedPort closed = ClosedPort.tcp()) {
            CliRun refused = vigil("probe", "-o", "json", "-H", AUTH, "http://127.0.0.1:" + closed.port() + "/");
            assertEquals(2, refused.exitCode(), refused::toString);
            assertNoSecret(refused);
        }
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

    /** The spec {@code vigil probe args...} would run, built without probing. */
    private static HttpSpec specOf(String... args) {
        ProbeCommand command = new ProbeCommand(new CliContext(Clock.systemUTC(), Resolver.SYSTEM,
                new ConfigLoader(name -> null), "Vigil/test", name -> null, CliRun::jdkTls));
        new CommandLine(command).parseArgs(args);
        return (HttpSpec) command.fromFlags();
    }

    private static void assertNoSecret(CliRun run) {
        assertFalse(run.stdout().contains(SECRET), run::toString);
        assertFalse(run.stderr().contains(SECRET), run::toString);
    }
}
