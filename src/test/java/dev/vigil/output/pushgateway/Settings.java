package dev.vigil.output.pushgateway;

import dev.vigil.output.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Pushgateway settings for tests: job {@code vigil}, grouped by {@code instance=host1}, pushing every 50 ms. */
final class Settings {
    static final Map<String, String> GROUPING = Map.of("instance", "host1");

    private Settings() {
    }

    static PushgatewaySettings at(URI url) {
        return at(url, Duration.ofSeconds(5), null, false);
    }

    static PushgatewaySettings at(URI url, Duration timeout, Secret authorization, boolean deleteOnShutdown) {
        return new PushgatewaySettings(url, "vigil", GROUPING, Duration.ofMillis(50), timeout, authorization,
                deleteOnShutdown, Compression.GZIP);
    }
}
