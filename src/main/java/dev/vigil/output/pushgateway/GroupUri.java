package dev.vigil.output.pushgateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The URL of one group: {@code <base>/metrics/job/<job>{/<label>/<value>}}. A value that is empty, holds a {@code /},
 * or is {@code .} or {@code ..} (which proxies may resolve away) goes as {@code <label>@base64/<url-safe base64>},
 * the empty one as {@code =}; other names and values are percent-encoded path segments.
 */
final class GroupUri {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder();

    private GroupUri() {
    }

    /** The group's URL under {@code base}, which may have a path prefix such as {@code /pushgateway/}. */
    static URI of(URI base, String job, Map<String, String> grouping) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        StringBuilder path = new StringBuilder(prefix).append("/metrics");
        append(path, "job", job);
        grouping.forEach((name, value) -> append(path, name, value));
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
    }

    private static void append(StringBuilder path, String name, String value) {
        path.append('/').append(percentEncode(name));
        if (value.isEmpty() || value.contains("/") || value.equals(".") || value.equals("..")) {
            String encoded = value.isEmpty() ? "=" : BASE64.encodeToString(value.getBytes(StandardCharsets.UTF_8));
            path.append("@base64/").append(encoded);
        } else {
            path.append('/').append(percentEncode(value));
        }
    }

    /** RFC 3986 unreserved characters as they are, every other UTF-8 byte as {@code %XX}. */
    private static String percentEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
