package dev.vigil.web;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and for whom a page is rendered: the path prefix every link starts with, the agent it describes, and now.
 *
 * @param prefix   the path the agent is served under behind a proxy, e.g. {@code /vigil}, or empty
 * @param agent    the agent's name
 * @param location its location, or null
 * @param shard    its shard as told, e.g. {@code 2 of 4}, or null
 * @param now      the time of the page
 */
public record Site(String prefix, String agent, String location, String shard, Instant now) {
    /** A prefix a proxy may set: path characters only, so it can go into a link unescaped and change nothing else. */
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~%!$&*+,;=:@-]+)+");
    /** Longer prefixes are not taken: no proxy needs one. */
    private static final int MAX_PREFIX = 200;

    public Site {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(now, "now");
    }

    /**
     * The prefix of an {@code X-Forwarded-Prefix} header: a path starting with {@code /}, without a trailing one, made
     * of path characters only (no quote, {@code <}, space, {@code ?} or {@code #}); anything else, or none, is empty.
     */
    public static String forwardedPrefix(String header) {
        if (header == null) {
            return "";
        }
        return pathPrefix(header).orElse("");
    }

    /**
     * {@code text} as a path prefix: without its trailing {@code /}s, empty for {@code /} alone, and only when it is a
     * path starting with {@code /} of path characters only (no quote, {@code <}, space, {@code ?} or {@code #}).
     */
    public static Optional<String> pathPrefix(String text) {
        String prefix = text.strip();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix.isEmpty() && text.strip().startsWith("/") ? Optional.of("")
                : prefix.length() <= MAX_PREFIX && PREFIX.matcher(prefix).matches() ? Optional.of(prefix)
                : Optional.empty();
    }

    /** A link to {@code path} (starting with {@code /}) under the prefix. */
    public String link(String path) {
        return prefix + path;
    }
}
