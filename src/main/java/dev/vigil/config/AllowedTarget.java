package dev.vigil.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a module's {@code allowedTargets}: which targets {@code /probe} may probe with it. Written as a URL,
 * {@code scheme://host[:port][/path]}:
 * <ul>
 * <li>the scheme ({@code http}, {@code https} or {@code tls}) must be the target's;</li>
 * <li>the host is a name or address compared without case, or {@code *.suffix}, which takes any name ending in
 * {@code .suffix} (one label or more before it, not {@code suffix} itself);</li>
 * <li>the port, when left out, is the scheme's (80, 443, and 443 for {@code tls}), and must be the target's;</li>
 * <li>no path takes every path and query on that host and port; a path ending in {@code *} takes the targets whose
 * path and query start with what comes before the {@code *}; any other path takes that path and query exactly.
 * {@code tls} entries have no path.</li>
 * </ul>
 * The target is normalised first ({@code /a/../b} is {@code /b}) and one that still climbs above its root, or carries
 * user info, is never taken.
 *
 * @param pattern as written in the config, for messages
 * @param suffix  whether {@code host} is a suffix ({@code *.} written before it) rather than an exact host
 * @param path    null for any path; else the exact path and query, or their prefix when {@code prefix}
 */
public record AllowedTarget(String pattern, String scheme, String host, boolean suffix, int port, String path,
        boolean prefix) {
    private static final Pattern SYNTAX = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<wild>\\*\\.)?(?<host>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+)"
                    + "(?::(?<port>[0-9]{1,5}))?(?<path>/[^#]*)?");

    public AllowedTarget {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }

    /**
     * Reads one entry.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static AllowedTarget parse(String pattern) {
        Matcher m = SYNTAX.matcher(pattern);
        if (!m.matches()) {
            throw new IllegalArgumentException("allowed target '" + pattern + "' is not scheme://host[:port][/path]"
                    + " (host may start with '*.', path may end with '*')");
        }
        String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https", "tls" -> 443;
            default -> throw new IllegalArgumentException("allowed target '" + pattern
                    + "' must use http, https or tls, not " + scheme);
        };
        int port = m.group("port") == null ? defaultPort : Integer.parseInt(m.group("port"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("allowed target '" + pattern + "' has a port outside 1-65535");
        }
        String path = m.group("path");
        if (path != null && scheme.equals("tls")) {
            throw new IllegalArgumentException("allowed target '" + pattern + "' is tls://host[:port], without a path");
        }
        boolean prefix = path != null && path.endsWith("*");
        if (path != null && path.indexOf('*') != path.length() - 1 && path.contains("*")) {
            throw new IllegalArgumentException("allowed target '" + pattern + "' may have '*' only at the end of its"
                    + " path");
        }
        if (prefix) {
            path = path.substring(0, path.length() - 1);
        }
        return new AllowedTarget(pattern, scheme, m.group("host").toLowerCase(Locale.ROOT), m.group("wild") != null,
                port, path, prefix);
    }

    /** Whether this entry takes {@code target}, an absolute URL. */
    public boolean allows(URI target) {
        URI normal = target.normalize();
        String targetScheme = normal.getScheme() == null ? "" : normal.getScheme().toLowerCase(Locale.ROOT);
        String targetHost = normal.getHost();
        if (!targetScheme.equals(scheme) || targetHost == null || normal.getRawUserInfo() != null) {
            return false;
        }
        String name = targetHost.toLowerCase(Locale.ROOT);
        boolean hostMatches = suffix ? name.endsWith("." + host) : name.equals(host);
        int targetPort = normal.getPort() != -1 ? normal.getPort() : scheme.equals("http") ? 80 : 443;
        if (!hostMatches || targetPort != port) {
            return false;
        }
        if (path == null) {
            return true;
        }
        String rawPath = normal.getRawPath() == null || normal.getRawPath().isEmpty() ? "/" : normal.getRawPath();
        if (rawPath.startsWith("/..")) {
            return false;
        }
        String asked = rawPath + (normal.getRawQuery() == null ? "" : "?" + normal.getRawQuery());
        return prefix ? asked.startsWith(path) : asked.equals(path);
    }
}
