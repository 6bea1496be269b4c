package dev.vigil.cert;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how to count certificates from Certificate Transparency logs through crt.sh's JSON API.
 *
 * @param enabled     ask the logs at all
 * @param url         the API's base URL; {@code ?q=NAME&output=json} is appended
 * @param minInterval the least time between two queries for one set of names
 * @param timeout     how long one query may take
 */
public record CtSettings(boolean enabled, URI url, Duration minInterval, Duration timeout) {
    public static final CtSettings DEFAULT = new CtSettings(false, URI.create("https://crt.sh/"), Duration.ofHours(1),
            Duration.ofSeconds(20));

    public CtSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(timeout, "timeout");
    }
}
