package dev.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Alertmanager (Debian's {@code /usr/bin/prometheus-alertmanager}) on a loopback port it binds itself, routing
 * every alert to one webhook receiver ({@code group_wait} 1 s, {@code group_interval} 3 s, no repeats), with resolved
 * notifications. The group interval is longer than a cluster peer's wait before it notifies (1 s): with a shorter one,
 * a peer's flush could still be waiting when the first member tells a resolution, and the peer would then tell the
 * firing it had queued, as Alertmanager does. Clustered with {@link #start(Path, URI, AlertmanagerProcess)}: its gossip
 * port is bound by the process (port 0) and read back from {@code /api/v2/status}, never guessed.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    /** Where Debian's {@code prometheus-alertmanager} package installs it. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often an alert group is flushed after its first notification: when a change in it is told. */
    public static final Duration GROUP_INTERVAL = Duration.ofSeconds(3);

    private final PrometheusBinary binary;
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertmanagerProcess(PrometheusBinary binary) {
        this.binary = binary;
        this.url = binary.url();
    }

    /**
     * Skips the calling test when the binary is not installed, saying how to install it; fails it instead in CI
     * ({@code CI=true}), where {@code .ci/run} installs it and the test must run.
     */
    public static void assumeInstalled() {
        String missing = BINARY + " not installed: apt-get install -y prometheus-alertmanager";
        if (!Files.isExecutable(BINARY) && "true".equals(System.getenv("CI"))) {
            Assertions.fail(missing + " (CI must run this test)");
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY), missing);
    }

    /** An Alertmanager alone (clustering off), notifying {@code receiver}; its files go under {@code dir}. */
    public static AlertmanagerProcess start(Path dir, URI receiver) throws IOException {
        return start(dir, receiver, List.of("--cluster.listen-address="));
    }

    /**
     * An Alertmanager notifying {@code receiver} in a cluster: with {@code peer} when given, else as the first member.
     * A peer waits {@code peer-timeout} (1 s) per position before it notifies, so the first member's notification
     * log has reached it by then.
     */
    public static AlertmanagerProcess start(Path dir, URI receiver, AlertmanagerProcess peer) throws IOException {
        List<String> cluster = new ArrayList<>(List.of("--cluster.listen-address=127.0.0.1:0",
                "--cluster.peer-timeout=1s", "--cluster.gossip-interval=100ms", "--cluster.pushpull-interval=1s"));
        if (peer != null) {
            cluster.add("--cluster.peer=" + peer.clusterAddress());
        }
        return start(dir, receiver, cluster);
    }

    private static AlertmanagerProcess start(Path dir, URI receiver, List<String> cluster) throws IOException {
        Path home = Files.createTempDirectory(dir, "alertmanager-");
        Path config = Files.writeString(home.resolve("alertmanager.yml"), """
                global:
                  resolve_timeout: 1m
                route:
                  receiver: hook
                  group_by: ['alertname', 'probe']
                  group_wait: 1s
                  group_interval: %ds
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                """.formatted(GROUP_INTERVAL.toSeconds(), receiver));
        Path log = home.resolve("alertmanager.log");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:0", "--log.level=debug"));
        command.addAll(cluster);
        return new AlertmanagerProcess(PrometheusBinary.start("Alertmanager", command, log));
    }

    /** The base URL, e.g. {@code http://127.0.0.1:54321}. */
    public URI url() {
        return url;
    }

    /** The address its cluster listens on, as its status reports it, e.g. {@code 127.0.0.1:41234}. */
    public String clusterAddress() {
        JsonNode cluster = json("/api/v2/status").get("cluster");
        String name = cluster.get("name").asText();
        for (JsonNode peer : cluster.path("peers")) {
            if (name.equals(peer.get("name").asText())) {
                return peer.get("address").asText();
            }
        }
        throw new AssertionError("no cluster address in its status: " + cluster);
    }

    /** How many members its cluster has, itself included, as its status reports. */
    public int clusterSize() {
        return json("/api/v2/status").get("cluster").path("peers").size();
    }

    /** The alerts it holds as active ({@code GET /api/v2/alerts?active=true&silenced=false&inhibited=false}). */
    public JsonNode activeAlerts() {
        return json("/api/v2/alerts?active=true&silenced=false&inhibited=false");
    }

    /** What the process has printed so far. */
    public String log() {
        return binary.output();
    }

    private JsonNode json(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Asks the process to stop, and kills it if it has not within 10 s. */
    @Override
    public void close() {
        http.close();
        binary.stop();
    }
}
