package dev.vigil.dns;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** How DNS servers and questions appear in messages: {@code [::1]:53}, {@code api.example.com A}. */
final class DnsText {
    private DnsText() {
    }

    static String server(InetSocketAddress server) {
        String host = server.getAddress() == null ? server.getHostString() : server.getAddress().getHostAddress();
        return (server.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    static String question(String name, RecordType type) {
        return (name.isEmpty() ? "." : name) + " " + type;
    }
}
