package dev.vigil.cert;

import dev.vigil.net.IpLiterals;
import java.util.Locale;

/**
 * The domain a CA's per-domain limit counts certificates under. Without a public suffix list Vigil takes a host's
 * last two labels, which is wrong under suffixes such as {@code co.uk}; those need the domain set explicitly.
 */
final class RegisteredDomain {
    private RegisteredDomain() {
    }

    /** The last two labels of {@code host}, lowercase; the host itself when it has fewer or is an IP literal. */
    public static String defaultFor(String host) {
        String name = normalize(host);
        if (IpLiterals.isLiteral(name)) {
            return name;
        }
        int lastDot = name.lastIndexOf('.');
        int secondLastDot = lastDot < 0 ? -1 : name.lastIndexOf('.', lastDot - 1);
        return name.substring(secondLastDot + 1);
    }

    /**
     * Whether a certificate {@code name} counts under {@code registeredDomain}: it is that domain or below it; a
     * wildcard name counts where its base does.
     */
    public static boolean covers(String registeredDomain, String name) {
        String domain = normalize(registeredDomain);
        String base = normalize(name.startsWith("*.") ? name.substring(2) : name);
        return base.equals(domain) || base.endsWith("." + domain);
    }

    // A fully qualified name's trailing dot names the same host.
    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
