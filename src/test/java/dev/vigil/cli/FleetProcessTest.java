package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil run} as one of several replicas of a shard, as a real process. */
class FleetProcessTest {
    private static final String WARNING = "agent.replicas is 2: each agent of shard 0/1 sends every alert, so route(s)"
            + " 'ops' will deliver each alert 2 times; send alerts through outputs.alertmanager, which deduplicates"
            + " identical alerts from the replicas (docs/fleet.md)";

    @TempDir
    Path dir;

    @Test
    void aReplicaWithADirectWebhookRouteWarnsOnceAtStartThatAlertsWouldArriveTwice() throws Exception {
        // Only the warning matters here: example.test names resolve nowhere, so nothing leaves the machine.
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"agent": {"name": "probe-eu", "replicas": 2},
                 "outputs": {"webhooks": [{"name": "ops", "url": "https://hooks.example.test/secret-path"}],
                             "alertmanager": [{"name": "am", "urls": ["http://127.0.0.1:9"]}]},
                 "probes": [{"name": "api", "url": "https://api.example.test/", "interval": "1h"}]}
                """);

        try (AgentProcess agent = AgentProcess.start(dir, config, List.of(), Map.of())) {
            Eventually.until(Duration.ofSeconds(20), "the agent started",
                    () -> agent.log().stream().anyMatch(line -> line.contains("vigil agent started")));

            assertEquals(1, agent.log().stream().filter(line -> line.endsWith("WARNING " + WARNING)).count(),
                    String.join("\n", agent.log()));
            assertEquals(1, agent.log().stream().filter(line -> line.endsWith("INFO agent 'probe-eu' runs shard 0/1"
                    + " with 2 replicas: 1 of the 1 configured probes, and its share of any discovered")).count(),
                    String.join("\n", agent.log()));
        }
    }
}
