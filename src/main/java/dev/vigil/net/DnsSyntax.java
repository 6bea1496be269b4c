package dev.vigil.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of {@link DnsOptions}, shared by the config file and the command line: resolvers, expected
 * addresses and DNS names. Nothing here ever asks DNS; every parser throws {@link IllegalArgumentException} with a
 * message quoting the text.
 */
public final class DnsSyntax {
    /** The port a resolver is asked on when none is written. */
    public static final int DNS_PORT = 53;

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    // A ':', and only hex digits, ':' and '.' (an IPv4 tail) starting with one of the first two: the JDK parses such
    // text as a literal and never looks it up as a name.
    private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^]]*)](?::(.*))?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final String LABEL = "(?!-)[A-Za-z0-9-]{1,63}(?<!-)";
    // Two labels or more, 253 characters at most, and a last label that is not all digits (an IPv4 address).
    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)(?:" + LABEL + "\\.)+(?![0-9]+$)" + LABEL);

    private DnsSyntax() {
    }

    /**
     * A resolver written {@code IPv4}, {@code IPv4:PORT}, {@code IPv6}, {@code [IPv6]} or {@code [IPv6]:PORT}; the
     * port is {@value #DNS_PORT} when not written. Host names are refused: a resolver must be reachable without DNS.
     */
    public static InetSocketAddress resolver(String text) {
        Matcher bracketed = BRACKETED.matcher(text);
        int colon = text.indexOf(':');
        String host;
        String port;
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
        } else if (colon >= 0 && colon == text.lastIndexOf(':')) {
            // One colon: IPv4:PORT (or a name:port). An unbracketed IPv6 address has two colons or more.
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        } else {
            host = text;
            port = null;
        }
        InetAddress address = literal(host);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address[:port]"
                    + " (a resolver must be an IP address, not a host name)");
        }
        return new InetSocketAddress(address, port == null ? DNS_PORT : port(text, port));
    }

    /** An IPv4 or IPv6 address (without brackets or zone) in canonical text: dotted quad, or RFC 5952 for IPv6. */
    public static String address(String text) {
        InetAddress address = literal(text);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        return canonical(address);
    }

    /** True for a DNS name of two labels or more, such as {@code example.co.uk}; false for an IP address. */
    public static boolean isDnsName(String text) {
        return DNS_NAME.matcher(text).matches();
    }

    /** A DNS name as {@link #isDnsName} accepts it, in lowercase. */
    public static String dnsName(String text) {
        if (!isDnsName(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a DNS name like lb-1.elb.example.net:"
                    + " two or more dot-separated labels of letters, digits and '-'");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** The address {@code text} spells, or null when it is not an IPv4 or IPv6 literal. */
    private static InetAddress literal(String text) {
        Matcher v4 = IPV4.matcher(text);
        try {
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(v4.group(i + 1));
                }
                return InetAddress.getByAddress(bytes);
            }
            return IPV6.matcher(text).matches() ? InetAddress.getByName(text) : null;
        } catch (UnknownHostException e) {
            return null; // not a well-formed IPv6 literal
        }
    }

    private static int port(String text, String port) {
        int number = PORT.matcher(port).matches() ? Integer.parseInt(port) : 0;
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("bad port '" + port + "' in '" + text + "': must be 1-65535");
        }
        return number;
    }

    private static String canonical(InetAddress address) {
        return text(address.getAddress());
    }

    /**
     * An address's bytes as text: a dotted quad, or RFC 5952's IPv6 form (lowercase hex, no leading zeros, the longest
     * run of two or more zero groups as {@code ::}, the first on a tie), e.g. {@code 2001:db8::1}.
     */
    public static String text(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            int end = start;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - start > bestLength) {
                bestStart = start;
                bestLength = end - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
