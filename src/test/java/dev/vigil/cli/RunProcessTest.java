package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil run} as a real process: started, probing, then stopped by SIGTERM as a service manager would. */
class RunProcessTest {
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
}
