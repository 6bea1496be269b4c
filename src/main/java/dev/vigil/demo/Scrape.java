package dev.vigil.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * One read of the agent's {@code /metrics} page, so the demo can tell when the agent has seen what it staged. Bounded:
 * {@value #MAX_BYTES} octets, {@link #TIMEOUT}.
 *
 * @param text the page, in Prometheus' text format; empty when it could not be read
 */
record Scrape(String text) {
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The page at {@code metrics}; an empty one when the agent did not answer in time. */
    static Scrape of(HttpClient client, URI metrics) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                return new Scrape(response.statusCode() == 200
                        ? new String(body.readNBytes(MAX_BYTES), StandardCharsets.UTF_8) : "");
            }
        } catch (IOException e) {
            return new Scrape("");
        }
    }

    /**
     * The value of the series {@code name} whose labels include each {@code labels} pair ({@code "probe", "api"}),
     * if the page has one.
     */
    OptionalDouble value(String name, String... labels) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                try {
                    return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }
}
