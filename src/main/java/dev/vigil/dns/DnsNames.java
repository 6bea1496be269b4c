package dev.vigil.dns;

import java.net.IDN;
import java.util.Locale;

/** Host names as DNS handles them: lowercase ASCII (IDN applied), no trailing dot, labels of 1–63 octets. */
final class DnsNames {
    static final int MAX_LABEL = 63;
    static final int MAX_NAME = 255;

    private DnsNames() {
    }

    /** {@code Api.Example.COM.} → {@code api.example.com}; the root is the empty string. */
    static String normalize(String name) throws DnsException {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty()) {
            return "";
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new DnsException("not a DNS name: '" + name + "'", e);
        }
        // The wire form adds a length octet before the first label and the root's zero octet after the last.
        if (ascii.length() + 2 > MAX_NAME || !ascii.matches("([a-z0-9_*-]{1,63})(\\.[a-z0-9_*-]{1,63})*")) {
            throw new DnsException("not a DNS name: '" + name + "'");
        }
        return ascii;
    }

    /** The name one label up: {@code example.com} for {@code api.example.com}, the root ("") for {@code com}. */
    static String parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /** Whether {@code name} is {@code zone} or below it. */
    static boolean isWithin(String name, String zone) {
        return zone.isEmpty() || name.equals(zone) || name.endsWith("." + zone);
    }
}
