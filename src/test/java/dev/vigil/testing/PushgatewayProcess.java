package dev.vigil.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Pushgateway ({@code /usr/bin/prometheus-pushgateway}) on a loopback port it binds itself, with its admin API on so tests
 * can wipe it; its output goes to a file that {@link #log()} reads. It keeps metrics in memory only: Debian's build
 * would otherwise load and save {@code /var/lib/prometheus/pushgateway.data}, sharing groups between runs.
 */
public final class PushgatewayProcess implements AutoCloseable {
    /** Where Debian's {@code prometheus-pushgateway} package installs it; tests skip themselves without it. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusBinary binary;
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    private PushgatewayProcess(PrometheusBinary binary) {
        this.binary = binary;
        this.url = binary.url();
    }

    /** Skips the calling test, saying how to install the binary, when it is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), BINARY + " not installed: apt-get install -y prometheus-pushgateway");
    }

    /**
     * Starts the binary on a port it binds itself and returns once it is ready (see {@link PrometheusBinary}).
     */
    public static PushgatewayProcess start() throws IOException {
        Path log = Files.createTempFile("vigil-pushgateway-", ".log");
        return new PushgatewayProcess(PrometheusBinary.start("the Pushgateway", List.of(BINARY.toString(),
                "--web.listen-address=127.0.0.1:0", "--persistence.file=", "--web.enable-admin-api",
                "--log.level=info"), log));
    }

    /** The base URL, e.g. {@code http://127.0.0.1:54321}. */
    public URI url() {
        return url;
    }

    /** The body of {@code GET path}, which must answer 200. */
    public String get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url.resolve(path)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Deletes every group. */
    public void wipe() {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v1/admin/wipe"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        int status = send(request).statusCode();
        if (status / 100 != 2) {
            throw new AssertionError("wipe answered " + status);
        }
    }

    /** What the process has printed so far. */
    public String log() {
        return binary.output();
    }

    /** The group of {@code /api/v1/metrics} with exactly {@code labels}, e.g. {@code job} and {@code instance}. */
    public Optional<JsonNode> group(Map<String, String> labels) {
        JsonNode data = json(get("/api/v1/metrics")).get("data");
        return StreamSupport.stream(data.spliterator(), false)
                .filter(group -> JSON.convertValue(group.get("labels"), Map.class).equals(labels))
                .findFirst();
    }

    /** The series of {@code family} in {@code group} whose {@code probe} label is {@code probe}. */
    public static Optional<JsonNode> series(JsonNode group, String family, String probe) {
        return StreamSupport.stream(group.path(family).path("metrics").spliterator(), false)
                .filter(series -> probe.equals(series.get("labels").path("probe").asText()))
                .findFirst();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
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
        binary.stop();
        Files.deleteIfExists(binary.log());
    }
}
