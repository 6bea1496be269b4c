package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil run} as a real process: started, probing, then stopped by SIGTERM as a service manager would. */
class RunProcessTest {
    @TempDir
    Path dir;

    private Path stderr;

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
            stderr = dir.resolve("stderr.log");
            Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djdk.httpclient.allowRestrictedHeaders=connection",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "run", "--config", config.toString(), "--listen", "127.0.0.1:0",
                    "--state-dir", dir.resolve("state").toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            try {
                Eventually.until(Duration.ofSeconds(20), "the agent started",
                        () -> log().stream().anyMatch(line -> line.contains("INFO vigil agent started: 1 probes")));
                // The probe's slot is somewhere in its 10 s; its run then hangs for up to 10 s, longer than the stop grace.
                Eventually.until(Duration.ofSeconds(20), "the probe run reached the hanging target",
                        () -> hanging.connectionsAccepted() > 0);

                agent.destroy();
                boolean stopped = agent.waitFor(5, TimeUnit.SECONDS);

                assertTrue(stopped, "still running 5 s after SIGTERM; log: " + log());
                assertEquals(143, agent.exitValue(), "the JVM's exit status after SIGTERM");
                List<String> log = log();
                assertTrue(log.getLast().endsWith("INFO vigil agent stopped"), log.toString());
                assertTrue(log.stream().anyMatch(line -> line.contains("cancelled the probe runs still in flight")),
                        log.toString());
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    /** The agent's log so far: its stderr goes to a file, which outlives the process, unlike a pipe. */
    private List<String> log() {
        try {
            return Files.readAllLines(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
