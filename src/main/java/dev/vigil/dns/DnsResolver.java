package dev.vigil.dns;

import dev.vigil.probe.IpLiterals;
import dev.vigil.probe.Resolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Resolver} that asks the given DNS servers in turn until one answers: a server that times out, fails
 * (SERVFAIL, REFUSED) or sends garbage is passed over, while an NXDOMAIN or an empty answer is final, as with the C
 * library. IP literals are returned as they are, without a query.
 */
public final class DnsResolver implements Resolver {
    private final DnsClient client;
    private final List<InetSocketAddress> servers;
    private final Duration timeoutPerServer;

    public DnsResolver(DnsClient client, List<InetSocketAddress> servers, Duration timeoutPerServer) {
        this.client = Objects.requireNonNull(client, "client");
        this.servers = List.copyOf(servers);
        this.timeoutPerServer = Objects.requireNonNull(timeoutPerServer, "timeoutPerServer");
        if (this.servers.isEmpty()) {
            throw new IllegalArgumentException("a DNS resolver needs at least one server");
        }
    }

    /** The host's addresses, as text-sorted by {@link DnsLookup#addresses}. */
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        if (IpLiterals.isLiteral(host)) {
            try {
                return List.of(IpLiterals.parse(host));
            } catch (IllegalArgumentException e) {
                throw new UnknownHostException(e.getMessage());
            }
        }
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            AddressAnswer answer = DnsLookup.addresses(client, server, host, timeoutPerServer);
            if (!answer.addresses().isEmpty()) {
                return answer.addresses().stream().map(IpLiterals::parse).toList();
            }
            failures.add(answer.error());
            if (answer.answered()) {
                break;
            }
        }
        throw new UnknownHostException(host + ": " + String.join("; ", failures));
    }
}
