package dev.vigil.output;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Webhook URLs as they may be printed. The secret of a webhook is its path (Slack's
 * {@code /services/T0/B0/XXXX}), so only the scheme, the host and, for Slack, the workspace id are kept:
 * {@code https://hooks.slack.com/services/T0123/***}, or {@code https://example.com/***} for any other URL. Credentials
 * in a URL ({@code user:password@}, an Alertmanager's basic auth) are never kept.
 */
final class Redaction {
    private static final String MASK = "***";
    private static final String SLACK_PREFIX = "/services/";

    private Redaction() {
    }

    /**
     * A Slack webhook URL with all but the first path part after {@code /services/} masked. A URL of another shape
     * is redacted as by {@link #url(String)}.
     */
    public static String slackUrl(String url) {
        URI uri = parse(url);
        String path = uri == null ? null : uri.getRawPath();
        if (path == null || !path.startsWith(SLACK_PREFIX)) {
            return url(url);
        }
        String rest = path.substring(SLACK_PREFIX.length());
        int slash = rest.indexOf('/');
        String workspace = slash < 0 ? "" : rest.substring(0, slash + 1);
        return origin(uri) + SLACK_PREFIX + workspace + MASK;
    }

    /** {@code scheme://host[:port]/***}, or {@code ***} when {@code url} is not a URL with a host. */
    public static String url(String url) {
        URI uri = parse(url);
        return uri == null ? MASK : origin(uri) + "/" + MASK;
    }

    /** {@link #slackUrl(String)} for URLs on {@code hooks.slack.com}, else {@link #url(String)}. */
    public static String any(String url) {
        URI uri = parse(url);
        boolean slack = uri != null && "hooks.slack.com".equals(uri.getHost().toLowerCase(Locale.ROOT));
        return slack ? slackUrl(url) : url(url);
    }

    /**
     * {@code text} with every occurrence of {@code url}, of its path and of its query replaced by their redacted
     * form: for messages of exceptions (java.net.http names the URI) and echoed response bodies.
     */
    public static String scrub(String text, String url) {
        if (text == null) {
            return "";
        }
        String scrubbed = text.replace(url, any(url));
        URI uri = parse(url);
        if (uri != null) {
            scrubbed = hide(scrubbed, uri.getRawPath());
            scrubbed = hide(scrubbed, uri.getRawQuery());
            scrubbed = hideUserInfo(scrubbed, uri.getRawUserInfo());
            scrubbed = hideUserInfo(scrubbed, uri.getUserInfo());
        }
        return scrubbed;
    }

    private static String hide(String text, String part) {
        return part == null || part.length() <= 1 ? text : text.replace(part, "/" + MASK);
    }

    private static String hideUserInfo(String text, String userInfo) {
        return userInfo == null || userInfo.isEmpty() ? text : text.replace(userInfo, MASK);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() == null || uri.getHost() == null ? null : uri;
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
    }
}
