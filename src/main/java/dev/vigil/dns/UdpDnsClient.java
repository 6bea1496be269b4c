package dev.vigil.dns;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A stub-resolver client: asks over UDP from a fresh socket on a random ephemeral port with a random ID, sends the
 * query again a few times within the timeout, and repeats it over TCP when the UDP answer is truncated. Replies
 * whose ID or question do not match are ignored and the wait goes on, so a blind spoofer has to guess both the port
 * and the ID. The whole query, retries and TCP included, ends by the timeout.
 */
public final class UdpDnsClient implements DnsClient {
    private static final SecureRandom IDS = new SecureRandom();

    private final int attempts;

    /** Three UDP attempts, each given a third of the timeout (a late answer to an earlier one still counts). */
    public UdpDnsClient() {
        this(3);
    }

    public UdpDnsClient(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        this.attempts = attempts;
    }

    @Override
    public DnsResponse query(InetSocketAddress server, String name, RecordType type, Duration timeout)
            throws DnsException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String normalized = DnsNames.normalize(name);
        DnsExchange exchange = new DnsExchange(server, normalized, type, IDS.nextInt(0x10000), timeout);
        DnsMessage reply = exchange.overUdp(start, deadline, attempts);
        boolean overTcp = reply.truncated();
        if (overTcp) {
            reply = exchange.overTcp(deadline);
        }
        return new DnsResponse(server, normalized, type, reply.rcode(), reply.authoritative(), reply.answers(),
                reply.authority(), Duration.ofNanos(System.nanoTime() - start), overTcp);
    }
}
