package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code vigil probe --config FILE}: every probe of the file once, the worst status wins. */
class ProbeConfigTest {
    private static final String TOKEN = "tok-CONFIG-SECRET-42";

    @TempDir
    Path dir;

    private TlsTestServer up;
    private int downPort;
    private Path config;

    @BeforeEach
    void startServers() throws Exception {
        TestPki pki = TestPki.create();
        TestPki.writePem(dir.resolve("root.pem"), pki.root().certificate());
        Issued leaf = pki.leaf("localhost").sans("localhost").issue();
        up = TlsTestServer.tls(leaf).responder(Responders.ok("{\"status\": \"ok\"}")).start();
        try (TlsTestServer gone = TlsTestServer.plain().start()) {
            downPort = gone.port();
        }
        // caFile is relative to the config file's directory.
        config = Files.writeString(dir.resolve("probes.json"), """
                {
                  "defaults": { "timeout": "5s" },
                  "probes": [
                    { "name": "up", "url": "https://localhost:%d/health",
                      "headers": { "Authorization": "Bearer ${API_TOKEN}" },
                      "expectBodyMatches": ["\\"status\\":\\\\s*\\"ok\\""],
                      "tls": { "caFile": "root.pem" } },
                    { "name": "down", "url": "http://127.0.0.1:%d/health" }
                  ]
                }
                """.formatted(up.port(), downPort));
    }

    @AfterEach
    void stopServer() {
        up.close();
    }

    /** A config of modules only serves /probe: checking it once is a usage error that says so, not an empty run. */
    @Test
    void aConfigOfModulesOnlyHasNothingToProbe() throws Exception {
        Path modules = Files.writeString(dir.resolve("modules.json"), """
                {"modules": {"http_2xx": {"allowedTargets": ["https://localhost"]}}}
                """);

        CliRun run = vigil(Map.of(), "probe", "--config", modules.toString());

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(modules + " has no probes (only modules, which `vigil run` answers on /probe);"
                + " probe a URL instead: vigil probe URL"), run::toString);
    }

    @Test
    void worstStatusWinsAndEveryProbeIsReported() {
        CliRun run = vigil(Map.of("API_TOKEN", TOKEN), "probe", "--config", config.toString(), "-o", "json");

        assertEquals(2, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("CRITICAL", json.get("status").asText());
        assertFalse(json.get("success").asBoolean());
        JsonNode probes = json.get("probes");
        assertEquals(List.of("up", "down"), names(probes));

        JsonNode upProbe = probes.get(0);
        assertTrue(upProbe.get("success").asBoolean(), run::toString);
        assertEquals("OK", upProbe.get("status").asText());
        assertTrue(upProbe.get("tls").get("verified").asBoolean());
        assertEquals("CN=localhost", upProbe.get("tls").get("chain").get(0).get("subject").asText());

        JsonNode downProbe = probes.get(1);
        assertFalse(downProbe.get("success").asBoolean());
        assertEquals("CRITICAL", downProbe.get("status").asText());
        assertEquals("connect_refused", downProbe.get("failure").get("kind").asText());

        assertEquals("Bearer " + TOKEN, up.requests().getFirst().header("authorization"));
        assertFalse(run.stdout().contains(TOKEN) || run.stderr().contains(TOKEN), run::toString);
    }

    /** {@code --config.file} is Prometheus' name for it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--config", "--config.file"})
    void nameSelectsTheProbesToRun(String configFlag) {
        CliRun run = vigil(Map.of("API_TOKEN", TOKEN), "probe", configFlag, config.toString(), "--name", "up",
                "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals("OK", json.get("status").asText());
        assertTrue(json.get("success").asBoolean());
        assertEquals(List.of("up"), names(json.get("probes")));
    }

    @Test
    void nameSelectingOnlyTheDownProbeIsCritical() {
        CliRun run = vigil(Map.of("API_TOKEN", TOKEN), "probe", "--config", config.toString(), "--name", "down",
                "-o", "json");

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(List.of("down"), names(run.json().get("probes")));
        assertEquals(0, up.requestsServed(), "the up probe was not run");
    }

    @Test
    void textOutputHasOneReportPerProbeNamed() {
        CliRun run = vigil(Map.of("API_TOKEN", TOKEN), "probe", "--config", config.toString());

        assertEquals(2, run.exitCode(), run::toString);
        // Issue 16: the first line is the overall status, as Nagios shows it; each probe's report follows.
        assertTrue(run.stdout().startsWith("CRITICAL - 1 of 2 probes failing: down: connect_refused"), run::toString);
        assertTrue(run.stdout().contains("\nOK - up (https://localhost:" + up.port() + "/health)"), run::toString);
        assertTrue(run.stdout().contains("\nCRITICAL - down (http://127.0.0.1:" + downPort + "/health): connect_refused"),
                run::toString);
    }

    @Test
    void unknownNameIsBadUsage() {
        CliRun run = vigil(Map.of("API_TOKEN", TOKEN), "probe", "--config", config.toString(), "--name", "nope");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--name nope"), run::toString);
        assertTrue(run.stderr().contains("[up, down]"), run::toString);
    }

    @Test
    void singleProbeFlagWithConfigIsBadUsage() {
        CliRun run = vigil(Map.of("API_TOKEN", TOKEN), "probe", "--config", config.toString(), "--timeout", "1s");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--timeout describes a single URL probe"), run::toString);
    }

    @Test
    void urlAndConfigTogetherIsBadUsage() {
        CliRun run = vigil(Map.of("API_TOKEN", TOKEN), "probe", "--config", config.toString(), "http://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("not both"), run::toString);
    }

    @Test
    void invalidConfigIsBadUsage() {
        // API_TOKEN unset: the reference cannot be resolved, and the error must say so without probing.
        CliRun run = vigil("probe", "--config", config.toString());

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("API_TOKEN"), run::toString);
        assertEquals(0, up.requestsServed());
    }

    @Test
    void nameWithoutConfigIsBadUsage() {
        CliRun run = vigil("probe", "--name", "up", "http://127.0.0.1:1/");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--name"), run::toString);
    }

    private static List<String> names(JsonNode probes) {
        List<String> out = new ArrayList<>();
        probes.forEach(p -> out.add(p.get("name").asText()));
        return out;
    }
}
