package dev.vigil.testing;

import dev.vigil.dns.DnsException;
import dev.vigil.dns.DnsMessage;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.DnsResponse;
import dev.vigil.dns.DnsWriter;
import dev.vigil.dns.RecordType;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative-style DNS server on 127.0.0.1, UDP and TCP on the same port, answering from a script. A name not
 * scripted gets REFUSED. Misbehaviour per name: {@link #silent}, {@link #truncateOverUdp}, {@link #truncateAlways},
 * {@link #spoofFirst}, {@link #garbage}. {@link #close()} stops it and waits for all its threads.
 *
 * <pre>{@code
 * try (TestDnsServer dns = TestDnsServer.start()) {
 *     dns.answer("api.example.com", RecordType.A, new DnsRecord("api.example.com", RecordType.A, 300, "192.0.2.1"));
 *     new UdpDnsClient().query(dns.address(), "api.example.com", RecordType.A, Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public final class TestDnsServer implements AutoCloseable {
    /** How a query arrived. */
    public enum Transport { UDP, TCP }

    private enum Misbehaviour { SILENT, TRUNCATE_OVER_UDP, TRUNCATE_ALWAYS, SPOOF_FIRST, GARBAGE }

    private record Key(String name, RecordType type) {
    }

    private static final int SHARED_PORT_ATTEMPTS = 5;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final Clock ttlClock;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Key, DnsScript> typed = new ConcurrentHashMap<>();
    private final Map<String, DnsScript> wholeName = new ConcurrentHashMap<>();
    private final Map<String, Set<Misbehaviour>> misbehaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Thread acceptThread;
    private volatile boolean authoritative;

    private TestDnsServer(Clock ttlClock, DatagramSocket udp, ServerSocket tcp) {
        this.ttlClock = ttlClock;
        this.udp = udp;
        this.tcp = tcp;
        startThread("test-dns-udp", this::udpLoop);
        this.acceptThread = startThread("test-dns-accept", this::acceptLoop);
    }

    /** A server whose records keep the TTLs they were scripted with. */
    public static TestDnsServer start() throws IOException {
        return start(null);
    }

    /** A server whose TTLs count down, by {@code ttlClock}, from when each answer was scripted. */
    public static TestDnsServer start(Clock ttlClock) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        BindException last = null;
        for (int attempt = 0; attempt < SHARED_PORT_ATTEMPTS; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            ServerSocket tcp = new ServerSocket();
            try {
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                return new TestDnsServer(ttlClock, udp, tcp);
            } catch (BindException e) {
                last = e;
                udp.close();
                tcp.close();
            }
        }
        throw last;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** NOERROR with {@code records} in the answer section for {@code name}/{@code type}. */
    public TestDnsServer answer(String name, RecordType type, DnsRecord... records) {
        return answer(name, type, List.of(records), List.of());
    }

    /** NOERROR with the given answer and authority sections (e.g. no answer and an SOA: NODATA). */
    public TestDnsServer answer(String name, RecordType type, List<DnsRecord> answers, List<DnsRecord> authority) {
        typed.put(new Key(key(name), type), script(DnsResponse.NOERROR, answers, authority));
        return this;
    }

    /** REFUSED for {@code name}/{@code type} from now on, as from a resolver that refuses, say, AAAA questions. */
    public TestDnsServer refuse(String name, RecordType type) {
        typed.remove(new Key(key(name), type));
        return this;
    }

    /** NXDOMAIN for every type of {@code name}, with {@code authority} (usually the zone's SOA). */
    public TestDnsServer nxdomain(String name, DnsRecord... authority) {
        wholeName.put(key(name), script(DnsResponse.NXDOMAIN, List.of(), List.of(authority)));
        return this;
    }

    /** SERVFAIL for every type of {@code name}. */
    public TestDnsServer servfail(String name) {
        wholeName.put(key(name), script(DnsResponse.SERVFAIL, List.of(), List.of()));
        return this;
    }

    /** Never answers questions about {@code name}, over UDP or TCP. */
    public TestDnsServer silent(String name) {
        return misbehave(name, Misbehaviour.SILENT);
    }

    /** Answers {@code name} over UDP with the TC bit and no records, and in full over TCP. */
    public TestDnsServer truncateOverUdp(String name) {
        return misbehave(name, Misbehaviour.TRUNCATE_OVER_UDP);
    }

    /** Answers {@code name} with the TC bit and no records over UDP and over TCP alike: a truncation loop. */
    public TestDnsServer truncateAlways(String name) {
        return misbehave(name, Misbehaviour.TRUNCATE_ALWAYS);
    }

    /** Over UDP, sends a reply with another ID and one to another question before the real answer. */
    public TestDnsServer spoofFirst(String name) {
        return misbehave(name, Misbehaviour.SPOOF_FIRST);
    }

    /** Answers {@code name} with the query's ID and a compression loop where the question should be. */
    public TestDnsServer garbage(String name) {
        return misbehave(name, Misbehaviour.GARBAGE);
    }

    /** Sets the AA bit on every answer from now on. */
    public TestDnsServer authoritative(boolean on) {
        authoritative = on;
        return this;
    }

    /** Queries received for {@code name} over {@code transport}; counted before the answer is sent. */
    public int queries(String name, Transport transport) {
        AtomicInteger count = counts.get(key(name) + " " + transport);
        return count == null ? 0 : count.get();
    }

    /** Closes both sockets and every connection, and waits for all of the server's threads to end. */
    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close test DNS server", e);
        }
        join(acceptThread);
        // The accept thread has ended, so no connection can be added while these are closed.
        connections.forEach(TestDnsServer::closeQuietly);
        threads.forEach(TestDnsServer::join);
    }

    private static void join(Thread thread) {
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                throw new IllegalStateException(thread.getName() + " did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing test DNS server", e);
        }
    }

    private TestDnsServer misbehave(String name, Misbehaviour misbehaviour) {
        misbehaviours.computeIfAbsent(key(name), n -> ConcurrentHashMap.newKeySet()).add(misbehaviour);
        return this;
    }

    private DnsScript script(int rcode, List<DnsRecord> answers, List<DnsRecord> authority) {
        return new DnsScript(rcode, answers, authority, ttlClock == null ? Instant.EPOCH : ttlClock.instant());
    }

    private void udpLoop() {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!udp.isClosed()) {
            try {
                packet.setLength(buffer.length);
                udp.receive(packet);
                for (byte[] reply : replies(Arrays.copyOf(buffer, packet.getLength()), Transport.UDP)) {
                    udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void acceptLoop() {
        while (!tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                connections.add(socket);
                startThread("test-dns-tcp-" + socket.getPort(), () -> serveTcp(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serveTcp(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                for (byte[] reply : replies(query, Transport.TCP)) {
                    out.write(new DnsWriter().u16(reply.length).bytes(reply).toByteArray());
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // The client is done.
        } catch (IOException e) {
            // Closed by close() or reset by the client.
        } finally {
            connections.remove(socket);
        }
    }

    /** What to send back for one query, in order; nothing for a malformed query or a silent name. */
    private List<byte[]> replies(byte[] bytes, Transport transport) {
        DnsMessage query;
        try {
            query = DnsMessage.parse(bytes, bytes.length);
        } catch (DnsException e) {
            return List.of();
        }
        if (query.response() || query.questions().size() != 1) {
            return List.of();
        }
        DnsMessage.Question question = query.questions().getFirst();
        String name = question.name();
        counts.computeIfAbsent(name + " " + transport, k -> new AtomicInteger()).incrementAndGet();
        Set<Misbehaviour> modes = misbehaviours.getOrDefault(name, Set.of());
        if (modes.contains(Misbehaviour.SILENT)) {
            return List.of();
        }
        if (modes.contains(Misbehaviour.GARBAGE)) {
            // One question whose name is a pointer to itself, at offset 12.
            return List.of(new DnsWriter().u16(query.id()).u16(DnsMessage.FLAG_RESPONSE).u16(1).u16(0).u16(0).u16(0)
                    .u16(0xC000 | DnsMessage.HEADER_SIZE).u16(question.typeCode()).u16(DnsMessage.CLASS_IN)
                    .toByteArray());
        }
        int flags = DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_RECURSION_DESIRED | DnsMessage.FLAG_RECURSION_AVAILABLE
                | (authoritative ? DnsMessage.FLAG_AUTHORITATIVE : 0);
        if (modes.contains(Misbehaviour.TRUNCATE_ALWAYS)) {
            return List.of(DnsResponseWriter.encode(query.id(), flags | DnsMessage.FLAG_TRUNCATED, name,
                    question.typeCode(), List.of(), List.of()));
        }
        RecordType type = RecordType.ofCode(question.typeCode());
        DnsScript script = type == null ? null : typed.getOrDefault(new Key(name, type), wholeName.get(name));
        if (script == null) {
            return List.of(DnsResponseWriter.encode(query.id(), flags | DnsResponse.REFUSED, name,
                    question.typeCode(), List.of(), List.of()));
        }
        if (transport == Transport.UDP && modes.contains(Misbehaviour.TRUNCATE_OVER_UDP)) {
            return List.of(DnsResponseWriter.encode(query.id(), flags | DnsMessage.FLAG_TRUNCATED, name,
                    question.typeCode(), List.of(), List.of()));
        }
        byte[] answer = DnsResponseWriter.encode(query.id(), flags | script.rcode(), name, question.typeCode(),
                script.answers(ttlClock), script.authority(ttlClock));
        if (transport == Transport.UDP && modes.contains(Misbehaviour.SPOOF_FIRST)) {
            byte[] wrongId = DnsResponseWriter.encode(query.id() ^ 0x5A5A, flags, name, question.typeCode(),
                    List.of(new DnsRecord(name, type, 1, spoofedData(type))), List.of());
            byte[] wrongQuestion = DnsResponseWriter.encode(query.id(), flags, "spoofed." + name,
                    question.typeCode(), List.of(), List.of());
            return List.of(wrongId, wrongQuestion, answer);
        }
        return List.of(answer);
    }

    private static String spoofedData(RecordType type) {
        return switch (type) {
            case A -> "198.51.100.66";
            case AAAA -> "2001:db8::66";
            default -> "spoofed.invalid";
        };
    }

    private Thread startThread(String name, Runnable task) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
        return thread;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
