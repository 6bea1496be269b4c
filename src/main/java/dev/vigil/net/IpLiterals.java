package dev.vigil.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IPv4 and IPv6 address literals, bracketed or not: recognised and parsed without ever asking DNS. */
public final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private IpLiterals() {
    }

    /** True for {@code 192.0.2.1}, {@code ::1} or {@code [::1]}; false for any host name. */
    public static boolean isLiteral(String text) {
        String t = unbracket(text);
        return t.contains(":") || IPV4.matcher(t).matches();
    }

    /** The address a literal names; throws {@link IllegalArgumentException} for anything else. */
    public static InetAddress parse(String text) {
        if (!isLiteral(text)) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        try {
            // A literal, checked above: the JDK parses it and performs no lookup.
            return InetAddress.getByName(unbracket(text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
        }
    }

    private static String unbracket(String text) {
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }
}
