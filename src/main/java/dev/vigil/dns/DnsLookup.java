package dev.vigil.dns;

import dev.vigil.net.IpLiterals;
import dev.vigil.time.Durations;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Questions that take several queries: a host's addresses with CNAMEs followed, and a zone's name servers. */
public final class DnsLookup {
    /** The port name servers are asked on. */
    public static final int DNS_PORT = 53;
    /** The most name servers {@link #authoritativeServers} looks up. */
    public static final int MAX_NAME_SERVERS = 4;
    private static final Duration LATE_SLACK = Duration.ofMillis(100);

    private DnsLookup() {
    }

    /**
     * The host's A and AAAA addresses at {@code server}, asked for in parallel, CNAME chains followed (at most
     * {@value CnameChain#MAX_HOPS} hops, loops detected). Never throws: failures are the answer's {@code error}.
     *
     * @param timeout the most all the queries may take together
     */
    public static AddressAnswer addresses(DnsClient client, InetSocketAddress server, String host, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String name;
        try {
            name = DnsNames.normalize(host);
        } catch (DnsException e) {
            return new AddressAnswer(List.of(), List.of(), 0, Duration.ZERO, e.getMessage(), false);
        }
        CnameChain v4;
        CnameChain v6;
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<CnameChain> aaaa = executor.submit(
                    () -> CnameChain.follow(client, server, name, RecordType.AAAA, deadline, timeout));
            v4 = CnameChain.follow(client, server, name, RecordType.A, deadline, timeout);
            // The AAAA chain watches the same deadline; the slack lets it say why it ended before it is left behind.
            v6 = aaaa.get(Math.max(0, deadline - System.nanoTime()) + LATE_SLACK.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new AddressAnswer(List.of(), List.of(), 0, Duration.ofNanos(System.nanoTime() - start),
                    "no answer from " + DnsText.server(server) + " within " + Durations.format(timeout) + " for "
                            + DnsText.question(name, RecordType.AAAA), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AddressAnswer(List.of(), List.of(), 0, Duration.ofNanos(System.nanoTime() - start),
                    "interrupted while asking " + DnsText.server(server) + " about " + name, false);
        } catch (ExecutionException e) {
            throw new IllegalStateException("AAAA lookup of " + name + " failed", e.getCause());
        } finally {
            // Never waits: a lookup still running is interrupted and left behind.
            executor.shutdownNow();
        }
        List<String> addresses = Stream.concat(v4.addresses().stream(), v6.addresses().stream()).sorted().toList();
        String error = v4.error() != null ? v4.error() : v6.error();
        if (error == null && addresses.isEmpty()) {
            error = "no A or AAAA records for " + name + " at " + DnsText.server(server);
        }
        long ttl = Math.min(v4.ttl(), v6.ttl());
        return new AddressAnswer(addresses, v4.cnames().size() >= v6.cnames().size() ? v4.cnames() : v6.cnames(),
                ttl == Long.MAX_VALUE ? 0 : ttl, Duration.ofNanos(System.nanoTime() - start), error,
                v4.answered() && v6.answered());
    }

    /** {@link #authoritativeServers(DnsClient, InetSocketAddress, String, Duration, int)} on port 53. */
    public static List<NamedServer> authoritativeServers(DnsClient client, InetSocketAddress resolver, String host,
            Duration timeout) throws DnsException {
        return authoritativeServers(client, resolver, host, timeout, DNS_PORT);
    }

    /**
     * The authoritative servers of the zone {@code host} is in, asked of a recursive {@code resolver}: SOA for the
     * host and then each parent until an SOA names the zone's apex, NS for the apex, and the addresses of at most
     * {@value #MAX_NAME_SERVERS} of those names (sorted, so runs pick the same ones). A name server whose name does
     * not resolve is left out.
     *
     * @param nsPort the port to ask the name servers on: 53, except in tests
     * @throws DnsException when the zone, its NS records or any name server's address cannot be found in time
     */
    public static List<NamedServer> authoritativeServers(DnsClient client, InetSocketAddress resolver, String host,
            Duration timeout, int nsPort) throws DnsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String apex = ZoneApex.find(client, resolver, DnsNames.normalize(host), deadline);
        DnsResponse ns = client.query(resolver, apex, RecordType.NS, left(deadline));
        List<String> names = ns.answers().stream()
                .filter(r -> r.type() == RecordType.NS && r.name().equals(apex))
                .map(DnsRecord::data).distinct().sorted().limit(MAX_NAME_SERVERS).toList();
        if (names.isEmpty()) {
            throw new DnsException("no NS records for " + apex + " at " + DnsText.server(resolver) + " ("
                    + ns.rcodeName() + ")");
        }
        List<NamedServer> servers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            AddressAnswer answer = addresses(client, resolver, name, left(deadline));
            for (String address : answer.addresses()) {
                servers.add(new NamedServer(name, new InetSocketAddress(IpLiterals.parse(address), nsPort)));
            }
            if (answer.addresses().isEmpty()) {
                problems.add(answer.error());
            }
        }
        if (servers.isEmpty()) {
            throw new DnsException("no address for any name server of " + apex + ": " + String.join("; ", problems));
        }
        return List.copyOf(servers);
    }

    static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
