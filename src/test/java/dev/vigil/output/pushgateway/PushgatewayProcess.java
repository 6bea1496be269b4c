package dev.vigil.output.pushgateway;

import dev.vigil.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Pushgateway ({@code /usr/bin/prometheus-pushgateway}) on a free loopback port, with its admin API on so tests
 * can wipe it; its output goes to a file that {@link #log()} reads. It keeps metrics in memory only: Debian's build
 * would otherwise load and save {@code /var/lib/prometheus/pushgateway.data}, sharing groups between runs.
 */
final class PushgatewayProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");

    private final Process process;
    private final Path log;
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    private PushgatewayProcess(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts the binary and returns once {@code /-/ready} answers 200. */
    static PushgatewayProcess start() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("vigil-pushgateway-", ".log");
        Process process = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=", "--web.enable-admin-api", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PushgatewayProcess pushgateway = new PushgatewayProcess(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            Eventually.until(Duration.ofSeconds(20), "Pushgateway ready on port " + port,
                    () -> process.isAlive() && pushgateway.ready());
        } catch (AssertionError e) {
            pushgateway.close();
            throw new AssertionError(e.getMessage() + "; its log: " + pushgateway.log(), e);
        }
        return pushgateway;
    }

    URI url() {
        return url;
    }

    /** The body of {@code GET path}, which must answer 200. */
    String get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url.resolve(path)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Deletes every group. */
    void wipe() {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v1/admin/wipe"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        int status = send(request).statusCode();
        if (status / 100 != 2) {
            throw new AssertionError("wipe answered " + status);
        }
    }

    /** What the process has printed so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // Not listening yet.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Asks the process to stop, and kills it if it has not within 10 s. */
    @Override
    public void close() throws IOException {
        http.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
