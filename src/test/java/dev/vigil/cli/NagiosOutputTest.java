package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TlsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil probe}'s text output as a Nagios plugin's, line by line: the first line is the overall status, a
 * summary and the performance data after '|'; usage errors are an {@code UNKNOWN} line on stdout. Times vary from
 * run to run and are masked; everything else is exact.
 */
class NagiosOutputTest {
    @TempDir
    Path dir;

    @Test
    void oneUrlOkHasItsStatusTimeAndSizeOnTheFirstLine() throws Exception {
        try (TlsTestServer up = TlsTestServer.plain().responder(Responders.ok("{\"status\": \"ok\"}")).start()) {
            CliRun run = vigil("probe", up.uri("/health").toString());

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(List.of(
                    "OK - " + up.uri("/health") + ": answered 200 [N ms] | time=Ts;;;0 size=16B;;;0",
                    "  http   200, HTTP/1.1, 0 redirect(s), 16 body bytes"), lines(run));
        }
    }

    @Test
    void oneUrlCriticalHasItsReasonAndTime() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            CliRun run = vigil("probe", "http://127.0.0.1:" + closed.port() + "/health");

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(List.of(
                    "CRITICAL - http://127.0.0.1:" + closed.port() + "/health: connect_refused: GET http://127.0.0.1:"
                            + closed.port() + "/health: connection to 127.0.0.1:" + closed.port()
                            + " refused (nothing listens on that port) [N ms] | time=Ts;;;0",
                    "  why    Nothing answers at 127.0.0.1:" + closed.port() + ": check that the service is listening on"
                            + " that address and port, and that no firewall is in the way."), lines(run));
        }
    }

    @Test
    void aConfigWithMixedResultsSummarisesOnTheFirstLineWithPerfdataPerProbe() throws Exception {
        try (TlsTestServer up = TlsTestServer.plain().responder(Responders.ok("{\"status\": \"ok\"}")).start();
             TlsTestServer broken = TlsTestServer.plain().responder(Responders.fixed(500, Map.of(), "oops")).start();
             ClosedPort closed = ClosedPort.tcp()) {
            Path config = Files.writeString(dir.resolve("probes.json"), """
                    {"probes": [
                      {"name": "web", "url": "%s"},
                      {"name": "api", "url": "http://127.0.0.1:%d/health"},
                      {"name": "db-admin", "url": "%s"}
                    ]}
                    """.formatted(up.uri("/"), closed.port(), broken.uri("/")));

            CliRun run = vigil("probe", "--config", config.toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(List.of(
                    "CRITICAL - 2 of 3 probes failing: api: connect_refused: GET http://127.0.0.1:" + closed.port()
                            + "/health: connection to 127.0.0.1:" + closed.port() + " refused (nothing listens on that port); db-admin:"
                            + " http_status: " + broken.uri("/") + " answered 500, expected 2xx; body starts: oops"
                            + " | 'web_time'=Ts;;;0 'web_size'=16B;;;0 'api_time'=Ts;;;0 'db-admin_time'=Ts;;;0"
                            + " 'db-admin_size'=4B;;;0",
                    "OK - web (" + up.uri("/") + "): answered 200 [N ms]",
                    "  http   200, HTTP/1.1, 0 redirect(s), 16 body bytes",
                    "CRITICAL - api (http://127.0.0.1:" + closed.port() + "/health): connect_refused: GET http://127.0.0.1:"
                            + closed.port() + "/health: connection to 127.0.0.1:" + closed.port()
                            + " refused (nothing listens on that port) [N ms]",
                    "  why    Nothing answers at 127.0.0.1:" + closed.port() + ": check that the service is listening on"
                            + " that address and port, and that no firewall is in the way.",
                    "CRITICAL - db-admin (" + broken.uri("/") + "): http_status: " + broken.uri("/")
                            + " answered 500, expected 2xx; body starts: oops [N ms]",
                    "  http   500, HTTP/1.1, 0 redirect(s), 4 body bytes",
                    "  why    127.0.0.1:" + broken.port() + " took the connection: look at the application behind"
                            + " 127.0.0.1."),
                    lines(run));
        }
    }

    @Test
    void aUsageErrorIsUnknownOnStdoutToo() {
        CliRun run = vigil("probe", "--timeout", "soon", "http://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of("UNKNOWN - --timeout: 'soon' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d"),
                run.stdout().lines().toList());
        assertEquals(List.of("UNKNOWN - --timeout: 'soon' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d",
                "Try 'vigil probe --help'."), run.stderr().lines().toList());
    }

    /** Standard output's lines, with the run's times, which vary, masked. */
    private static List<String> lines(CliRun run) {
        return run.stdout().replaceAll("\\[\\d+ ms]", "[N ms]").replaceAll("=\\d+\\.\\d{3}s;", "=Ts;").lines().toList();
    }
}
