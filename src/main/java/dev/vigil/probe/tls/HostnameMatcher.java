package dev.vigil.probe.tls;

import dev.vigil.net.IpLiterals;
import java.net.IDN;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate's names cover a host, after RFC 6125: DNS names case-insensitively with a wildcard only as
 * the whole left-most label, IP literals only against IP SANs. Pure, so the rules are tested as a table.
 */
final class HostnameMatcher {
    private HostnameMatcher() {
    }

    /**
     * @param host     the name the client asked for (a DNS name or an IP literal)
     * @param sans     the certificate's DNS and IP subject alternative names
     * @param commonName the subject CN, consulted only when the certificate has no SAN at all (legacy)
     */
    public static boolean matches(String host, List<String> sans, String commonName) {
        if (IpLiterals.isLiteral(host)) {
            InetAddress wanted = IpLiterals.parse(host);
            return sans.stream().filter(IpLiterals::isLiteral).map(IpLiterals::parse).anyMatch(wanted::equals);
        }
        String name = normalise(host);
        List<String> candidates = sans.isEmpty() && commonName != null ? List.of(commonName) : sans;
        return candidates.stream().filter(n -> !IpLiterals.isLiteral(n)).anyMatch(pattern -> dnsMatches(name, normalise(pattern)));
    }

    private static boolean dnsMatches(String host, String pattern) {
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        int firstDot = host.indexOf('.');
        // A wildcard covers exactly one label and never a bare registrable-looking suffix such as "*.com".
        return firstDot > 0 && pattern.indexOf('.', 2) > 0 && host.substring(firstDot).equals(pattern.substring(1));
    }

    private static String normalise(String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            return IDN.toASCII(trimmed).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
    }
}
