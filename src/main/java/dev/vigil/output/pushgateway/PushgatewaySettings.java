package dev.vigil.output.pushgateway;

import dev.vigil.output.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to push the agent's metrics.
 *
 * @param url              the Pushgateway's base URL, e.g. {@code http://pushgateway:9091}
 * @param job              the {@code job} grouping label
 * @param grouping         further grouping labels, in order (default: {@code instance} = this host's name)
 * @param interval         time between pushes
 * @param timeout          how long one push may take
 * @param authorization    the {@code Authorization} header value (basic or bearer); null for none
 * @param deleteOnShutdown delete the group when the agent stops cleanly
 * @param compression      how the page is encoded in the push
 */
public record PushgatewaySettings(URI url, String job, Map<String, String> grouping, Duration interval,
        Duration timeout, Secret authorization, boolean deleteOnShutdown, Compression compression) {
    public static final String DEFAULT_JOB = "vigil";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public PushgatewaySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(compression, "compression");
        grouping = Collections.unmodifiableMap(new LinkedHashMap<>(grouping));
    }
}
