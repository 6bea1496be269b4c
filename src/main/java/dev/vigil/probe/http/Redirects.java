package dev.vigil.probe.http;

import java.net.URI;
import java.util.List;
import java.util.Set;

/** Pure rules for following redirects. */
final class Redirects {
    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

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

    /** A chain of URLs written {@code a → b → c} for messages. */
    static String describe(List<URI> chain) {
        return String.join(" → ", chain.stream().map(URI::toString).toList());
    }
}
