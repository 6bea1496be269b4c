import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The targets of bench/hostile.sh, all on 127.0.0.1 ports the kernel picks (port 0): two healthy ones (HTTP and HTTPS,
 * counting the requests per path so the bench knows which runs really happened) and one of each hostile behaviour of
 * issue 13, plus a DNS server (UDP and TCP on one port) and two broken resolvers. Prints one "NAME VALUE" line per
 * listener (a URL, or HOST:PORT for the resolvers), then "ready". JDK only; exits when its parent does.
 * Every connection runs on its own virtual thread and is bounded: requests are read up to 64 KiB within 10 s, and a
 * stalling behaviour gives up after 5 minutes even if the client never closes.
 * Usage: java bench/HostileTargets.java KEYSTORE.p12 PASSWORD
 *
 * GET /-/seen?since=EPOCH_MS&interval=MS on the healthy HTTP target answers one line per healthy path,
 * "PATH REQUESTS MISSED_SLOTS MAX_GAP_MS": what the healthy probes really did, whatever the agent reports.
 */
public class HostileTargets {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final int MIB = 1024 * 1024;
    static final long STALL_LIMIT_MS = 5 * 60_000;
    static final int MAX_REQUEST_HEAD = 64 * 1024;
    static final int FLOOD_ADDRESSES = 4000;
    static final int MAX_SEEN_PER_PATH = 100_000;
    static final Map<String, List<Long>> SEEN = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();   // before anything can orphan this
        SSLContext tls = tls(new File(args[0]), args[1].toCharArray());
        Map<String, String> out = new LinkedHashMap<>();

        HttpServer http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 1024);
        http.createContext("/", HostileTargets::healthy);
        http.createContext("/-/seen", HostileTargets::seen);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        out.put("http", "http://127.0.0.1:" + http.getAddress().getPort());
        HttpsServer https = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 1024);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", HostileTargets::healthy);
        https.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        https.start();
        out.put("https", "https://localhost:" + https.getAddress().getPort());

        // Item 1: a header line that never ends, 10 MiB long.
        out.put("big-header", serve(false, tls, s -> {
            readHead(s);
            OutputStream o = s.getOutputStream();
            o.write(ascii("HTTP/1.1 200 OK\r\nX-Big: "));
            byte[] chunk = filled(64 * 1024, 'a');
            for (int i = 0; i < 10 * MIB / chunk.length; i++) {
                o.write(chunk);
            }
            o.write(ascii("\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        }));
        // Item 2: 1 MiB announced, 100 bytes short of it sent, then nothing: every run holds almost 1 MiB.
        out.put("stall", serve(false, tls, s -> {
            readHead(s);
            OutputStream o = s.getOutputStream();
            o.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + MIB + "\r\n\r\n"));
            o.write(filled(MIB - 100, 'b'));
            o.flush();
            holdUntilClosed(s);
        }));
        // Item 2 and an endless body: bytes as fast as the client takes them, with no length.
        out.put("endless", serve(false, tls, s -> {
            readHead(s);
            OutputStream o = s.getOutputStream();
            o.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"));
            byte[] chunk = filled(64 * 1024, 'c');
            long end = System.currentTimeMillis() + STALL_LIMIT_MS;
            while (System.currentTimeMillis() < end) {
                o.write(chunk);
            }
        }));
        // A slow-loris: the status line, then a header one byte a second.
        out.put("slow-loris", serve(false, tls, s -> {
            readHead(s);
            OutputStream o = s.getOutputStream();
            o.write(ascii("HTTP/1.1 200 OK\r\nX-Slow: "));
            o.flush();
            long end = System.currentTimeMillis() + STALL_LIMIT_MS;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(1000);
                o.write('s');
                o.flush();
            }
        }));
        // Item 9: TLS completes, then silence (probed by URL and, through the DNS server, on the pinned path).
        out.put("tls-silent", serve(true, tls, s -> {
            ((SSLSocket) s).startHandshake();
            holdUntilClosed(s);
        }));
        // A reset in the middle of the handshake: the ClientHello is read, then RST (SO_LINGER 0).
        out.put("reset", serve(false, tls, s -> {
            s.getInputStream().read(new byte[512]);
            s.setSoLinger(true, 0);
        }));
        // Garbage instead of TLS: text where the ServerHello should be.
        out.put("garbage-tls", serve(false, tls, s -> {
            s.getInputStream().read(new byte[512]);
            byte[] text = ascii("this is not TLS. ");
            OutputStream o = s.getOutputStream();
            for (int i = 0; i < 256; i++) {
                o.write(text);
            }
        }));
        // Invalid chunked encoding: a chunk size that is no hexadecimal number.
        out.put("bad-chunked", serve(false, tls, s -> {
            readHead(s);
            s.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "ZZZ\r\nhello\r\n0\r\n\r\n"));
        }));
        // A redirect loop: /a to /b and back.
        out.put("redirect-loop", serve(false, tls, s -> {
            String next = readHead(s).startsWith("GET /a ") ? "/b" : "/a";
            s.getOutputStream().write(ascii("HTTP/1.1 302 Found\r\nLocation: " + next
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        }));
        // Item 8: a 500 whose body echoes the request's headers, X-… ones first so they are in any quoted snippet.
        out.put("echo", serve(false, tls, s -> {
            List<String> lines = new ArrayList<>(Arrays.asList(readHead(s).split("\r\n")));
            lines.sort((a, b) -> Boolean.compare(!a.regionMatches(true, 0, "x-", 0, 2), !b.regionMatches(true, 0, "x-", 0, 2)));
            byte[] body = ascii(String.join("\n", lines));
            s.getOutputStream().write(ascii("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n"));
            s.getOutputStream().write(body);
        }));

        out.put("dns", dnsServer());
        // Item 7: a resolver answering 64 random bytes to every query, and one that never answers.
        DatagramSocket garbage = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        Thread.ofVirtual().start(() -> garbageResolver(garbage));
        out.put("resolver-garbage", "127.0.0.1:" + garbage.getLocalPort());
        DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        out.put("resolver-silent", "127.0.0.1:" + silent.getLocalPort());

        out.forEach((name, value) -> System.out.println(name + " " + value));
        System.out.println("ready");
        System.out.flush();
        // Bounded by the bench's life: its trap stops this process, and if the bench is killed outright this ends too.
        while (parent.isAlive()) {
            Thread.sleep(1000);
        }
        System.exit(0);
    }

    interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    /** Accepts on a port the kernel picks; each connection runs {@code behaviour} on a virtual thread. */
    static String serve(boolean overTls, SSLContext tls, Behaviour behaviour) throws IOException {
        ServerSocket server = overTls
                ? tls.getServerSocketFactory().createServerSocket(0, 1024, LOOPBACK)
                : new ServerSocket(0, 1024, LOOPBACK);
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Socket socket = server.accept();
                    socket.setSoTimeout(10_000);
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            behaviour.serve(socket);
                        } catch (Exception e) {
                            // The client went away or timed out: what these targets are for.
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return (overTls ? "https://localhost:" : "http://127.0.0.1:") + server.getLocalPort();
    }

    /** Reads the request's head (to the blank line), at most 64 KiB. */
    static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while (head.length() < MAX_REQUEST_HEAD && (c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString().strip();
    }

    /** Waits until the client closes (or 5 minutes pass), sending nothing. */
    static void holdUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(1000);
        long end = System.currentTimeMillis() + STALL_LIMIT_MS;
        InputStream in = socket.getInputStream();
        while (System.currentTimeMillis() < end) {
            try {
                if (in.read() == -1) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                // Still there.
            }
        }
    }

    static void healthy(HttpExchange exchange) throws IOException {
        List<Long> seen = SEEN.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new ArrayList<>());
        synchronized (seen) {
            if (seen.size() < MAX_SEEN_PER_PATH) {
                seen.add(System.currentTimeMillis());
            }
        }
        byte[] body = ascii("ok");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /**
     * Per healthy path: the requests since {@code since} (epoch ms), a lower bound of the slots of {@code interval} ms
     * whose run did not start within the slot, and the longest gap between requests. A run starts at its slot or a
     * little after it, never before, so a gap g between two starts holds at least floor(g / interval) - 1 whole slots
     * without a start; and a window of length L holds at least floor(L / interval) - 1 whole slots, each started in
     * time by a different request. The larger of the two bounds is reported: a late run is not a missed slot unless
     * it is a whole interval late, and nothing is counted that did not happen.
     */
    static void seen(HttpExchange exchange) throws IOException {
        Map<String, Long> query = new LinkedHashMap<>();
        for (String pair : String.valueOf(exchange.getRequestURI().getQuery()).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[1].matches("[0-9]{1,15}")) {
                query.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        long since = query.getOrDefault("since", 0L);
        long interval = Math.max(1, query.getOrDefault("interval", 1000L));
        long now = System.currentTimeMillis();
        StringBuilder text = new StringBuilder();
        SEEN.forEach((path, times) -> {
            long count = 0;
            long gapMissed = 0;
            long maxGap = 0;
            long previous = since;
            synchronized (times) {
                for (long t : times) {
                    if (t >= since) {
                        count++;
                        gapMissed += Math.max(0, (t - previous) / interval - 1);
                        maxGap = Math.max(maxGap, t - previous);
                        previous = t;
                    }
                }
            }
            gapMissed += Math.max(0, (now - previous) / interval - 1);
            long missed = Math.max(gapMissed, (now - since) / interval - 1 - count);
            text.append(path).append(' ').append(count).append(' ').append(missed).append(' ').append(maxGap)
                    .append('\n');
        });
        byte[] body = ascii(text.toString());
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /**
     * Item 4's resolver, on UDP and TCP of one port: flood.hostile.test has 4,000 A records (127.1.x.y), any other
     * name under hostile.test is 127.0.0.1, other types are empty answers, other names NXDOMAIN. A UDP answer over
     * 512 bytes is sent truncated (TC, no records), so the client asks again over TCP.
     */
    static String dnsServer() throws IOException {
        for (int attempt = 0; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            ServerSocket tcp = new ServerSocket();
            try {
                tcp.bind(new InetSocketAddress(LOOPBACK, udp.getLocalPort()), 64);
            } catch (IOException e) {
                udp.close();
                tcp.close();
                if (attempt == 20) {
                    throw e;
                }
                continue;
            }
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[512];
                while (true) {
                    try {
                        DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                        udp.receive(query);
                        byte[] answer = dnsAnswer(Arrays.copyOf(query.getData(), query.getLength()), 512);
                        if (answer != null) {
                            udp.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                        }
                    } catch (IOException e) {
                        // One bad exchange; the next query is answered.
                    }
                }
            });
            Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    try {
                        Socket socket = tcp.accept();
                        socket.setSoTimeout(10_000);
                        Thread.ofVirtual().start(() -> dnsOverTcp(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return "127.0.0.1:" + udp.getLocalPort();
        }
    }

    static void dnsOverTcp(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (true) {
                byte[] length = in.readNBytes(2);
                if (length.length < 2) {
                    return;
                }
                byte[] query = in.readNBytes(((length[0] & 0xff) << 8) | (length[1] & 0xff));
                byte[] answer = dnsAnswer(query, 65535);
                if (answer == null) {
                    return;
                }
                OutputStream o = socket.getOutputStream();
                o.write(new byte[] {(byte) (answer.length >> 8), (byte) answer.length});
                o.write(answer);
                o.flush();
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    /** The answer to {@code query} (one question), truncated when over {@code limit}; null when it is no query. */
    static byte[] dnsAnswer(byte[] query, int limit) {
        if (query.length < 17) {
            return null;
        }
        int at = 12;
        StringBuilder name = new StringBuilder();
        while (at < query.length && query[at] != 0) {
            int length = query[at] & 0xff;
            if (length > 63 || at + 1 + length > query.length) {
                return null;
            }
            name.append(name.isEmpty() ? "" : ".").append(new String(query, at + 1, length, StandardCharsets.US_ASCII));
            at += 1 + length;
        }
        if (at + 5 > query.length) {
            return null;
        }
        int questionEnd = at + 5;
        int type = ((query[at + 1] & 0xff) << 8) | (query[at + 2] & 0xff);
        String host = name.toString().toLowerCase();
        List<byte[]> addresses = new ArrayList<>();
        int rcode = 0;
        if (!host.endsWith("hostile.test")) {
            rcode = 3;
        } else if (type == 1 && host.equals("flood.hostile.test")) {
            for (int i = 0; i < FLOOD_ADDRESSES; i++) {
                addresses.add(new byte[] {127, 1, (byte) (i / 250), (byte) (i % 250 + 1)});
            }
        } else if (type == 1) {
            addresses.add(new byte[] {127, 0, 0, 1});
        }
        int size = questionEnd + addresses.size() * 16;
        boolean truncated = size > limit;
        if (truncated) {
            addresses.clear();
        }
        ByteBuffer answer = ByteBuffer.allocate(questionEnd + addresses.size() * 16);
        answer.put(query, 0, 2);
        answer.put((byte) (0x84 | (query[2] & 0x01) | (truncated ? 0x02 : 0)));   // QR, AA, TC, RD copied
        answer.put((byte) (0x80 | rcode));                                         // RA, RCODE
        answer.putShort((short) 1).putShort((short) addresses.size()).putShort((short) 0).putShort((short) 0);
        answer.put(query, 12, questionEnd - 12);
        for (byte[] address : addresses) {
            answer.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4);
            answer.put(address);
        }
        return answer.array();
    }

    static void garbageResolver(DatagramSocket socket) {
        Random random = new Random();
        byte[] buffer = new byte[512];
        while (true) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] garbage = new byte[64];
                random.nextBytes(garbage);
                socket.send(new DatagramPacket(garbage, garbage.length, query.getSocketAddress()));
            } catch (IOException e) {
                // The next query gets its garbage.
            }
        }
    }

    static SSLContext tls(File keystore, char[] password) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStore.getInstance(keystore, password), password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] filled(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }
}
