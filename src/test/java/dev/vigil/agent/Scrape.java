package dev.vigil.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** One scrape of an agent's {@code /metrics}, read back as series (name plus labels) to values. */
record Scrape(String text, Map<String, Double> series) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Scrape of(InetSocketAddress agent) {
        String text = get(agent, "/metrics").body();
        Map<String, Double> series = new LinkedHashMap<>();
        text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return new Scrape(text, series);
    }

    static HttpResponse<String> get(InetSocketAddress agent, String path) {
        return send(agent, HttpRequest.newBuilder(uri(agent, path)).build());
    }

    static HttpResponse<String> send(InetSocketAddress agent, HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI uri(InetSocketAddress agent, String path) {
        return URI.create("http://127.0.0.1:" + agent.getPort() + path);
    }

    /**
     * The value of the one series named {@code name} whose labels include every {@code label="value"} pair given
     * (e.g. {@code "probe", "up"}), or empty when there is none.
     */
    OptionalDouble value(String name, String... labelPairs) {
        Optional<Map.Entry<String, Double>> found = series.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> Arrays.stream(pairs(labelPairs)).allMatch(e.getKey()::contains))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one series matches " + name + " " + Arrays.toString(labelPairs));
                });
        return found.map(e -> OptionalDouble.of(e.getValue())).orElse(OptionalDouble.empty());
    }

    /** Every series line (name and labels) of {@code name} that carries {@code probe="probe"}. */
    long count(String name, String probe) {
        return series.keySet().stream().filter(k -> k.startsWith(name + "{") && k.contains("probe=\"" + probe + "\"")).count();
    }

    private static String[] pairs(String[] labelPairs) {
        String[] out = new String[labelPairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = labelPairs[2 * i] + "=\"" + labelPairs[2 * i + 1] + "\"";
        }
        return out;
    }
}
