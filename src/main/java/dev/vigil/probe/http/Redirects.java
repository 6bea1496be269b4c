package dev.vigil.probe.http;

import dev.vigil.probe.Header;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Pure rules for following redirects. */
final class Redirects {
    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private Redirects() {
    }

    /** The absolute target of a redirect response, or null when the response is not one (or has no Location). */
    static URI target(URI from, int status, String location) {
        if (!REDIRECT_STATUSES.contains(status) || location == null || location.isBlank()) {
            return null;
        }
        try {
            return from.resolve(URI.create(location.trim())).normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The method of the next request: after 303 anything but HEAD, and after 301/302 a POST, becomes GET, as browsers do. */
    static String nextMethod(String method, int status) {
        if ((status == 303 && !"HEAD".equals(method)) || ((status == 301 || status == 302) && "POST".equals(method))) {
            return "GET";
        }
        return method;
    }

    /**
     * The headers to send to a redirect's target: all of them within one origin, but none that carries a credential
     * once the origin (scheme, host, port) changes, as curl and browsers do, so a token cannot leak to another server.
     */
    static List<Header> headersFor(URI from, URI to, List<Header> headers) {
        if (origin(from).equals(origin(to))) {
            return headers;
        }
        return headers.stream().filter(h -> !h.secret() && !CREDENTIAL_HEADERS.contains(h.name().toLowerCase(Locale.ROOT))).toList();
    }

    private static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** A chain of URLs written {@code a → b → c} for messages. */
    static String describe(List<URI> chain) {
        return String.join(" → ", chain.stream().map(URI::toString).toList());
    }
}
