package dev.vigil.probe.hostchecks;

import dev.vigil.net.IpLiterals;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** IP addresses as text, compared by what they name: {@code 2001:DB8::1} and {@code 2001:db8:0:0:0:0:0:1} are one. */
final class Addresses {
    private Addresses() {
    }

    /**
     * The form two addresses compare by. Only IPv6 text has more than one spelling; dotted IPv4 text is compared as it
     * is, which also keeps a malformed one away from {@link IpLiterals#parse}, where it would become a DNS lookup.
     */
    static String key(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            return IpLiterals.parse(address).getHostAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return address.toLowerCase(Locale.ROOT);
        }
    }

    /** The keys of {@code addresses}. */
    static Set<String> keys(Collection<String> addresses) {
        return addresses.stream().map(Addresses::key).collect(Collectors.toSet());
    }

    /** True when {@code address} is one of {@code keys}. */
    static boolean in(String address, Set<String> keys) {
        return keys.contains(key(address));
    }

    /** True for IPv6 text, which DNS serves from AAAA records rather than A records. */
    static boolean ipv6(String address) {
        return address.contains(":");
    }
}
