package dev.vigil.demo;

import dev.vigil.dns.DnsException;
import dev.vigil.dns.DnsMessage;
import dev.vigil.dns.DnsWriter;
import dev.vigil.dns.RecordType;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's DNS server, over UDP on a loopback address and a free port: the address record of each name it was
 * given (A for IPv4, AAAA for IPv6), with a TTL, as a recursive resolver with the record in its cache answers. The
 * other of the two types gets no records (NODATA); any other name is NXDOMAIN. Answers are small, never truncated; one thread reads one datagram
 * at a time, at most {@value #MAX_QUERY} octets.
 */
final class DemoDns implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.vigil.demo");
    private static final int MAX_QUERY = 512;
    private static final int NXDOMAIN = 3;
    private static final int FORMERR = 1;

    private record ARecord(InetAddress address, long ttlSeconds) {
    }

    private final DatagramSocket socket;
    private final Map<String, ARecord> records = new ConcurrentHashMap<>();
    private final Thread thread;

    private DemoDns(DatagramSocket socket) {
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("demo-dns").start(this::serve);
    }

    /** A server on {@code address} and a free port. */
    static DemoDns start(InetAddress address) throws IOException {
        return new DemoDns(new DatagramSocket(new InetSocketAddress(address, 0)));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Where it listens, as {@code dns.resolvers} writes it: {@code 127.0.0.1:53123}. */
    String resolver() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** From now on, answers {@code name}'s A or AAAA question with {@code address} and {@code ttlSeconds}. */
    void answer(String name, InetAddress address, long ttlSeconds) {
        records.put(name.toLowerCase(Locale.ROOT), new ARecord(address, ttlSeconds));
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        byte[] buffer = new byte[MAX_QUERY];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
                byte[] reply = reply(buffer, query.getLength());
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(System.Logger.Level.DEBUG, "demo DNS: " + e.getMessage());
                }
            }
        }
    }

    /** The answer to the query in {@code data}; null for what is no query (it is ignored, as resolvers do). */
    private byte[] reply(byte[] data, int length) {
        DnsMessage query;
        try {
            query = DnsMessage.parse(data, length);
        } catch (DnsException e) {
            return null;
        }
        if (query.response()) {
            return null;
        }
        int flags = DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_RECURSION_DESIRED | DnsMessage.FLAG_RECURSION_AVAILABLE;
        DnsWriter out = new DnsWriter();
        if (query.opcode() != 0 || query.questions().size() != 1) {
            return out.u16(query.id()).u16(flags | FORMERR).u16(0).u16(0).u16(0).u16(0).toByteArray();
        }
        DnsMessage.Question question = query.questions().getFirst();
        ARecord record = records.get(question.name());
        RecordType type = record == null ? null : record.address() instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
        boolean answered = type != null && question.typeCode() == type.code;
        out.u16(query.id()).u16(flags | (record == null ? NXDOMAIN : 0)).u16(1).u16(answered ? 1 : 0).u16(0).u16(0)
                .name(question.name()).u16(question.typeCode()).u16(DnsMessage.CLASS_IN);
        if (answered) {
            byte[] address = record.address().getAddress();
            out.name(question.name()).u16(type.code).u16(DnsMessage.CLASS_IN).u32(record.ttlSeconds())
                    .u16(address.length).bytes(address);
        }
        return out.toByteArray();
    }
}
