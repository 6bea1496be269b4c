package dev.vigil.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class DnsResolverTest {
    private static final InetSocketAddress FIRST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5301);
    private static final InetSocketAddress SECOND = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5302);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Set<InetSocketAddress> asked = ConcurrentHashMap.newKeySet();

    @Test
    void ipLiteralsNeedNoQuery() throws UnknownHostException {
        DnsResolver resolver = new DnsResolver(this::unreachable, List.of(FIRST), TIMEOUT);

        assertEquals(List.of(InetAddress.getByName("::1")), resolver.resolve("[::1]"));
        assertEquals(List.of(InetAddress.getByName("192.0.2.1")), resolver.resolve("192.0.2.1"));
        assertEquals(Set.of(), asked);
    }

    @Test
    void passesOverAServerThatDoesNotAnswer() throws UnknownHostException {
        DnsClient client = (server, name, type, timeout) -> server.equals(FIRST)
                ? unreachable(server, name, type, timeout)
                : response(server, name, type, DnsResponse.NOERROR, type == RecordType.A
                        ? List.of(new DnsRecord(name, type, 60, "192.0.2.1"))
                        : List.of(new DnsRecord(name, type, 60, "2001:db8::1")));

        List<InetAddress> addresses = new DnsResolver(client, List.of(FIRST, SECOND), TIMEOUT).resolve("api.example");

        assertEquals(List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1")), addresses);
    }

    @Test
    void nxdomainIsFinal() {
        DnsClient client = (server, name, type, timeout) -> {
            asked.add(server);
            return response(server, name, type, DnsResponse.NXDOMAIN, List.of());
        };

        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> new DnsResolver(client, List.of(FIRST, SECOND), TIMEOUT).resolve("gone.example"));

        assertEquals("gone.example: NXDOMAIN from 127.0.0.1:5301 for gone.example A", e.getMessage());
        assertEquals(Set.of(FIRST), asked);
    }

    @Test
    void everyServerFailingIsExplained() {
        DnsClient client = (server, name, type, timeout) -> server.equals(FIRST)
                ? unreachable(server, name, type, timeout)
                : response(server, name, type, DnsResponse.SERVFAIL, List.of());

        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> new DnsResolver(client, List.of(FIRST, SECOND), TIMEOUT).resolve("api.example"));

        assertEquals("api.example: no answer from 127.0.0.1:5301 within 1s for api.example A; "
                + "SERVFAIL from 127.0.0.1:5302 for api.example A", e.getMessage());
    }

    private DnsResponse unreachable(InetSocketAddress server, String name, RecordType type, Duration timeout)
            throws DnsException {
        asked.add(server);
        throw new DnsException("no answer from " + DnsText.server(server) + " within 1s for " + name + " " + type);
    }

    private static DnsResponse response(InetSocketAddress server, String name, RecordType type, int rcode,
            List<DnsRecord> answers) {
        return new DnsResponse(server, name, type, rcode, false, answers, List.of(), Duration.ofMillis(1), false);
    }
}
