package dev.vigil.probe;

import java.util.List;

/**
 * What a healthy response looks like.
 *
 * @param statuses            accepted status codes; empty means any 2xx
 * @param bodyMustMatch       every regex must be found in the body
 * @param bodyMustNotMatch    no regex may be found in the body
 * @param followRedirects     follow 3xx responses (at most {@link #MAX_REDIRECTS})
 * @param expectHttpsRedirect for an {@code http://} URL: pass only when it redirects to {@code https://}
 */
public record HttpExpectations(
        List<StatusRange> statuses,
        List<Regex> bodyMustMatch,
        List<Regex> bodyMustNotMatch,
        boolean followRedirects,
        boolean expectHttpsRedirect) {

    /** The most redirects followed before the probe fails, as curl's and Go's clients do. */
    public static final int MAX_REDIRECTS = 10;

    public static final HttpExpectations DEFAULT = new HttpExpectations(List.of(), List.of(), List.of(), true, false);

    public HttpExpectations {
        statuses = List.copyOf(statuses);
        bodyMustMatch = List.copyOf(bodyMustMatch);
        bodyMustNotMatch = List.copyOf(bodyMustNotMatch);
    }

    /** True when {@code status} is accepted. */
    public boolean accepts(int status) {
        return statuses.isEmpty() ? status >= 200 && status <= 299 : statuses.stream().anyMatch(r -> r.contains(status));
    }

    /** The accepted statuses as written, e.g. {@code 2xx} or {@code 200, 301-302}. */
    public String describeStatuses() {
        return statuses.isEmpty() ? "2xx" : String.join(", ", statuses.stream().map(StatusRange::toString).toList());
    }
}
