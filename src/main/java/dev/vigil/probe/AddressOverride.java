package dev.vigil.probe;

import java.net.InetAddress;
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
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** True when this override applies to a connection to {@code host:port}. */
    public boolean matches(String otherHost, int otherPort) {
        return port == otherPort && host.equalsIgnoreCase(otherHost);
    }
}
