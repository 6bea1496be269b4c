package dev.vigil.dns;

import java.net.InetSocketAddress;
import java.time.Duration;

/** Asks one DNS server one question. */
@FunctionalInterface
public interface DnsClient {
    /**
     * The server's answer; a NXDOMAIN or SERVFAIL is an answer (see {@link DnsResponse#rcode()}), not an exception.
     *
     * @param timeout the most the whole query may take, retries and a TCP retry included
     * @throws DnsException when no valid answer came in time
     */
    DnsResponse query(InetSocketAddress server, String name, RecordType type, Duration timeout) throws DnsException;
}
