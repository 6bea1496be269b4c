package dev.vigil.cli;

import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.state.StateStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code vigil run} refusing to start, with the reason; its life as a process is {@link RunProcessTest}'s. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path validConfig() throws IOException {
        return Files.writeString(dir.resolve("probes.json"),
                "{\"probes\": [{\"name\": \"api\", \"url\": \"https://api.example.test/\"}]}");
    }

    @Test
    void anInvalidConfigStopsTheStartWithEveryError() throws IOException {
        Path config = Files.writeString(dir.resolve("probes.json"), "{\"probes\": [{\"name\": \"api\"}], \"extra\": 1}");

        CliRun run = vigil("run", "--config", config.toString(), "--listen", "127.0.0.1:0");

        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(config + ": 2 error(s); not starting"), run.toString());
        assertTrue(run.stderr().contains(config + ":1:"), run.toString());
    }

    /** Also under Prometheus' names for the flags: the refusal shows both were applied. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--config, --listen", "--config.file, --web.listen-address"})
    void aListenAddressInUseIsNamed(String configFlag, String listenFlag) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            // The state directory comes from systemd's StateDirectory= when no --state-dir is given.
            CliRun run = vigil(Map.of("STATE_DIRECTORY", dir.resolve("state").toString()), "run", configFlag,
                    validConfig().toString(), listenFlag, listen);

            assertEquals(3, run.exitCode(), run.toString());
            assertTrue(run.stderr().startsWith("cannot listen on " + listen + " (--listen): "), run.toString());
            assertTrue(Files.exists(dir.resolve("state").resolve("state.lock")));
        }
    }

    @Test
    void theDefaultPortIsNotAnotherExportersFromPrometheusList() {
        CliRun run = vigil("run", "--help");

        // 9116 was snmp_exporter's; docs/deployment.md says why 19115.
        assertTrue(run.stdout().replaceAll("\\s+", " ").contains("(default 127.0.0.1:19115; ':19115' for every interface)"),
                run.toString());
    }

    @Test
    void aStateDirectoryHeldByAnotherAgentIsNamed() throws IOException {
        Path state = dir.resolve("held");
        try (StateStore held = StateStore.open(state, Clock.systemUTC())) {
            CliRun run = vigil("run", "--config", validConfig().toString(), "--listen", "127.0.0.1:0", "--state-dir",
                    state.toString());

            assertEquals(3, run.exitCode(), run.toString());
            assertTrue(run.stderr().startsWith("state directory " + state + " is in use by another Vigil (pid "),
                    run.toString());
            assertTrue(run.stderr().contains("; not starting"), run.toString());
        }
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlag() throws IOException {
        String config = validConfig().toString();
        CliRun listen = vigil("run", "--config", config, "--listen", "localhost");
        CliRun concurrency = vigil("run", "--config", config, "--concurrency", "0");
        CliRun interval = vigil("run", "--config", config, "--config-check-interval", "soon");
        CliRun route = vigil("run", "--config", config, "--web.route-prefix", "vigil");

        assertEquals(3, listen.exitCode());
        assertTrue(listen.stderr().contains("--listen: 'localhost' is not HOST:PORT"), listen.toString());
        assertEquals(3, concurrency.exitCode());
        assertTrue(concurrency.stderr().contains("--concurrency: must be at least 1, got 0"), concurrency.toString());
        assertEquals(3, interval.exitCode());
        assertTrue(interval.stderr().contains("--config-check-interval: 'soon' is not a duration"), interval.toString());
        assertEquals(3, route.exitCode());
        assertTrue(route.stderr().contains("--web.route-prefix: 'vigil' is not a path starting with /"),
                route.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--shard      | 3/3   | --shard: the shard index must be from 0 to 2",
        "--shard      | three | --shard: 'three' is not INDEX/COUNT, e.g. 0/3",
        "--location   | ''    | --location: location must be 1 to 128 characters",
        "--agent-name | ''    | --agent-name: name must be 1 to 128 characters",
        "--peer       | ftp://u:hunter2@a/ | --peer: a peer must be an absolute http:// or https:// URL with a host",
        "--peer       | http://a/?x | --peer: a peer must be a base URL without ?query or #fragment"})
    void badFleetFlagsAreUsageErrorsNamingTheFlag(String flag, String value, String error) throws IOException {
        CliRun run = vigil("run", "--config", validConfig().toString(), flag, value);

        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(error), run.toString());
        assertFalse(run.toString().contains("hunter2"), run.toString());
    }

    @Test
    void aStatefulSetShardWithoutAnOrdinalInHostnameStopsTheStartSayingWhere() throws IOException {
        Path config = Files.writeString(dir.resolve("probes.json"), "{\"agent\": {\"shard\": {\"count\": 3}},"
                + " \"probes\": [{\"name\": \"api\", \"url\": \"https://api.example.test/\"}]}");

        CliRun run = vigil(Map.of("HOSTNAME", "vigil"), "run", "--config", config.toString(), "--listen", "127.0.0.1:0");

        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(config + ":1:21: $.agent.shard: the shard index is not set and HOSTNAME"
                + " 'vigil' does not end in -N"), run.toString());
    }
}
