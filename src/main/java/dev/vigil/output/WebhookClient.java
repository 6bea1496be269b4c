package dev.vigil.output;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * What every webhook sender shares: the HTTP client, how long one attempt may wait for an answer, and the
 * {@code User-Agent}. {@link Deliveries} builds it, with a client that does not follow redirects: a webhook answering
 * 3xx is misconfigured, and a redirect would carry the secret path to another host.
 *
 * @param http      the client, owned by the caller
 * @param timeout   the most one attempt waits for the answer's headers
 * @param userAgent sent as {@code User-Agent}, e.g. {@code Vigil/0.1.0}
 */
public record WebhookClient(HttpClient http, Duration timeout, String userAgent) {
    public WebhookClient {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(userAgent, "userAgent");
    }
}
