package dev.vigil.probe;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What the final HTTP response looked like.
 *
 * @param status         status code of the last response
 * @param version        protocol version, e.g. {@code 1.1} or {@code 2}
 * @param redirects      redirects followed
 * @param finalUrl       URL of the last request
 * @param contentLength  body bytes read (at most the probe's body limit), as received: Vigil does not decompress
 * @param declaredLength the last response's {@code Content-Length}, or -1 when it has none or one that is not a length
 * @param lastModified   the last response's {@code Last-Modified}, or null when it has none or one that is not a date
 */
public record HttpFacts(int status, String version, int redirects, URI finalUrl, long contentLength,
        long declaredLength, Instant lastModified) {
    public HttpFacts {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(finalUrl, "finalUrl");
    }

    /** A response whose headers declared no length and no date. */
    public HttpFacts(int status, String version, int redirects, URI finalUrl, long contentLength) {
        this(status, version, redirects, finalUrl, contentLength, -1, null);
    }

    /** The same facts at another final URL. */
    public HttpFacts at(URI url) {
        return new HttpFacts(status, version, redirects, url, contentLength, declaredLength, lastModified);
    }
}
