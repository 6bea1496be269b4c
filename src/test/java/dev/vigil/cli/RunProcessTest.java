package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil run} as a real process: started, probing, then stopped by SIGTERM as a service manager would. */
class RunProcessTest {
    private static final Pattern STARTED = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheAgentWithinFiveSecondsEvenWithARunHangingOnATarget() throws Exception {
        TestPki pki = TestPki.create();
        Issued leaf = pki.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue();
        try (TlsTestServer hanging = TlsTestServer.tls(leaf).responder(Responders.neverAnswer()).start()) {
            Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root().certificate());
            Path config = Files.writeString(dir.resolve("probes.json"), """
                    {"probes": [{"name": "stuck", "url": "%s", "interval": "10s", "timeout": "10s",
                                 "tls": {"caFile": "%s"}}]}
                    """.formatted(hanging.uri("/"), ca));
            try (AgentProcess agent = AgentProcess.start(dir, config, List.of(), Map.of())) {
                Eventually.until(Duration.ofSeconds(20), "the agent started",
                        () -> agent.log().stream().anyMatch(line -> line.contains("INFO vigil agent started: 1 probes")));
                // The probe's slot is somewhere in its 10 s; its run then hangs for up to 10 s, longer than the stop grace.
                Eventually.until(Duration.ofSeconds(20), "the probe run reached the hanging target",
                        () -> hanging.connectionsAccepted() > 0);

                agent.process().destroy();
                boolean stopped = agent.process().waitFor(5, TimeUnit.SECONDS);

                assertTrue(stopped, "still running 5 s after SIGTERM; log: " + agent.log());
                assertEquals(143, agent.process().exitValue(), "the JVM's exit status after SIGTERM");
                List<String> log = agent.log();
                assertTrue(log.getLast().endsWith("INFO vigil agent stopped"), log.toString());
                assertTrue(log.stream().anyMatch(line -> line.contains("cancelled the probe runs still in flight")),
                        log.toString());
            }
        }
    }

    /** Renames {@code content} into place, so that the agent's watcher never reads half a file. */
    private static void replace(Path file, String content) throws IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The port the agent listens on, from its start line. */
    private static int port(AgentProcess agent) {
        Matcher started = agent.log().stream().map(STARTED::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no start line: " + agent.log()));
        return Integer.parseInt(started.group(1));
    }

    /** Whether a thread of {@code process} is blocked opening a FIFO (Linux: its wait channel). */
    private static boolean waitsForFifoPartner(Process process) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("wchan")).equals("wait_for_partner");
                } catch (IOException e) {
                    return false; // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
    }

    @Test
    void sigtermStopsTheAgentWithinFiveSecondsWhileAReloadHangsOnAFifo() throws Exception {
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://api.example.test/", "interval": "1h"}]}
                """);
        try (AgentProcess agent = AgentProcess.start(dir, config, List.of(), Map.of(),
                List.of("--web.enable-lifecycle", "--config-check-interval", "1h"))) {
            Eventually.until(Duration.ofSeconds(20), "the agent started",
                    () -> agent.log().stream().anyMatch(line -> line.contains("INFO vigil agent started: 1 probes")));
            Path fifo = dir.resolve("fifo");
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
            // The `${file:}` reference the config now makes is a FIFO nobody writes to.
            Files.writeString(config, """
                    {"probes": [{"name": "api", "url": "https://api.example.test/", "interval": "1h",
                                 "headers": {"Authorization": "${file:%s}"}}]}
                    """.formatted(fifo));
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> reload = client.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port(agent) + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            // Stopped once the reload has answered (a loader that refuses FIFOs) or hangs opening the FIFO.
            Eventually.until(Duration.ofSeconds(20), "the reload answered or blocked on the FIFO",
                    () -> reload.isDone() || waitsForFifoPartner(agent.process()));

            agent.process().destroy();
            boolean stopped = agent.process().waitFor(5, TimeUnit.SECONDS);

            assertTrue(stopped, "still running 5 s after SIGTERM; log: " + agent.log());
            assertEquals(143, agent.process().exitValue());
            assertTrue(agent.log().getLast().endsWith("INFO vigil agent stopped"), agent.log().toString());
            reload.cancel(true);
            client.shutdownNow();
        }
    }

    @Test
    void sighupReloadsTheConfigAndTheAgentRunsOn() throws Exception {
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://api.example.test/", "interval": "1h"}]}
                """);
        try (AgentProcess agent = AgentProcess.start(dir, config, List.of(), Map.of(),
                List.of("--config-check-interval", "1h"))) {
            Eventually.until(Duration.ofSeconds(20), "the agent started",
                    () -> agent.log().stream().anyMatch(line -> line.contains("INFO vigil agent started: 1 probes")));
            Files.writeString(config, """
                    {"probes": [{"name": "api", "url": "https://api.example.test/", "interval": "1h"},
                                {"name": "web", "url": "https://web.example.test/", "interval": "1h"}]}
                    """);

            signal("HUP", agent.process());

            Eventually.until(Duration.ofSeconds(20), "the reload logged", () -> agent.log().stream()
                    .anyMatch(line -> line.contains("INFO config reloaded from " + config + ": 1 added")));
            assertTrue(agent.process().isAlive(), "the agent exited on SIGHUP; log: " + agent.log());
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port(agent) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            client.shutdownNow();
            assertTrue(metrics.body().contains("\nvigil_probes_configured 2.0\n"), metrics.body());
        }
    }

    @Test
    void aReloadThatFailsInAnyWayIsLoggedOnceCountedAndAnswered() throws Exception {
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://api.example.test/", "interval": "1h"}]}
                """);
        try (AgentProcess agent = AgentProcess.start(dir, config, List.of(), Map.of(),
                List.of("--web.enable-lifecycle", "--config-check-interval", "100ms"))) {
            Eventually.until(Duration.ofSeconds(20), "the agent started",
                    () -> agent.log().stream().anyMatch(line -> line.contains("INFO vigil agent started: 1 probes")));
            URI base = URI.create("http://127.0.0.1:" + port(agent));

            // Nested far deeper than a parser's recursion is meant for: whatever the loader makes of it, an error or
            // an exception, the reload must fail visibly and the watching go on.
            replace(config, "{\"probes\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}");
            Eventually.until(Duration.ofSeconds(20), "the failed reload logged", () -> agent.log().stream()
                    .anyMatch(line -> line.contains("WARNING config reload failed, keeping the running config: ")));
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> reload = client.send(HttpRequest.newBuilder(base.resolve("/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            replace(config, """
                    {"probes": [{"name": "api", "url": "https://api.example.test/", "interval": "1h"},
                                {"name": "web", "url": "https://web.example.test/", "interval": "1h"}]}
                    """);
            Eventually.until(Duration.ofSeconds(20), "the next valid file applied", () -> agent.log().stream()
                    .anyMatch(line -> line.contains("INFO config reloaded from " + config + ": 1 added")));
            client.shutdownNow();

            assertTrue(metrics.body().contains("\nvigil_config_last_reload_successful 0.0\n"), metrics.body());
            assertEquals(500, reload.statusCode(), reload.body());
            assertTrue(reload.body().startsWith("config reload failed, keeping the running config: "), reload.body());
            assertTrue(reload.body().contains("\n" + config), reload.body());
            // One line for the file change, one for the POST: never silence, never a line per check.
            assertEquals(2, agent.log().stream().filter(line -> line.contains(" config reload failed")).count(),
                    agent.log().toString());
        }
    }
}
