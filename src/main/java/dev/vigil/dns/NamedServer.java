package dev.vigil.dns;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A name server by name and one of its addresses.
 *
 * @param name    its host name, e.g. {@code ns1.example.net}
 * @param address one of its addresses, with the port to ask on
 */
public record NamedServer(String name, InetSocketAddress address) {
    public NamedServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}
