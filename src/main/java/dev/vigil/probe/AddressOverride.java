package dev.vigil.probe;

import dev.vigil.net.IpLiterals;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Connect to {@code address} whenever the probe reaches {@code host:port}, while SNI, the Host header and
 * certificate verification still use {@code host} (curl's {@code --resolve HOST:PORT:ADDRESS}).
 */
public record AddressOverride(String host, int port, InetAddress address) {
    public AddressOverride {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        host = host.toLowerCase(Locale.ROOT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /**
     * Parses curl's form {@code HOST:PORT:ADDRESS}, the address an IPv4 or IPv6 literal (brackets optional).
     * Throws {@link IllegalArgumentException} quoting the text.
     */
    public static AddressOverride parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("expected HOST:PORT:ADDRESS, got '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + parts[1] + "' in '" + text + "'");
        }
        try {
            return new AddressOverride(parts[0], port, IpLiterals.parse(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + parts[2] + "' in '" + text + "' is not an IP address", e);
        }
    }

    /** The address the first of {@code overrides} that applies to {@code host:port} pins, or null when none does. */
    public static InetAddress find(List<AddressOverride> overrides, String host, int port) {
        return overrides.stream().filter(o -> o.matches(host, port)).map(AddressOverride::address).findFirst()
                .orElse(null);
    }

    /** True when this override applies to a connection to {@code host:port}. */
    public boolean matches(String otherHost, int otherPort) {
        return port == otherPort && host.equalsIgnoreCase(otherHost);
    }
}
