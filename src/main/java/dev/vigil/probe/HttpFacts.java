package dev.vigil.probe;

import java.net.URI;
import java.util.Objects;

/**
 * What the final HTTP response looked like.
 *
 * @param status        status code of the last response
 * @param version       protocol version, e.g. {@code 1.1} or {@code 2}
 * @param redirects     redirects followed
 * @param finalUrl      URL of the last request
 * @param contentLength body bytes read
 */
public record HttpFacts(int status, String version, int redirects, URI finalUrl, long contentLength) {
    public HttpFacts {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(finalUrl, "finalUrl");
    }
}
