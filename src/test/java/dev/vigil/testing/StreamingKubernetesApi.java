package dev.vigil.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Kubernetes API server on loopback over HTTPS whose watches stay open, as a real one's do, and carry the
 * events a test {@link #send sends} at the moment it sends them (WireMock answers a watch whole, so it cannot show
 * how soon an event streamed into an open watch takes effect). Serves one collection: a list (its JSON set by
 * {@link #list}) and watches of it. {@link #drop} cuts the open watches mid-event; {@link #forbid} answers 403 as a
 * missing RBAC rule does. {@code dir} gets {@code ca.crt} and {@code token}, as {@link KubernetesApi}'s.
 */
public final class StreamingKubernetesApi implements AutoCloseable {
    /** What a watch's handler is told to do next; a line to write, or one of these. */
    private static final String DROP = "\0drop";
    private static final String END = "\0end";

    private final HttpsServer server;
    private final String token;
    private final Set<BlockingQueue<String>> watches = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String list = "{\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}";
    private volatile boolean forbidden;
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();

    private StreamingKubernetesApi(HttpsServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Serves {@code collection} (a path such as {@code /apis/networking.k8s.io/v1/namespaces/shop/ingresses}). */
    public static StreamingKubernetesApi start(Path dir, String token, String collection) {
        TestPki pki = TestPki.create();
        TestPki.writePem(dir.resolve("ca.crt"), pki.root().certificate());
        try {
            Files.writeString(dir.resolve("token"), token);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(pki.leaf("localhost").sans("localhost")
                    .ipSans("127.0.0.1").issue().serverSslContext()));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            StreamingKubernetesApi api = new StreamingKubernetesApi(server, token);
            server.createContext(collection, api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's base URL. */
    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The keys of a {@code discovery} section that reach this server (single quotes), as in {@link KubernetesApi}. */
    public String access() {
        return "'apiUrl': '" + uri() + "', 'tokenFile': 'token', 'caFile': 'ca.crt'";
    }

    /** From now on, a list answers {@code json}. */
    public void list(String json) {
        list = json;
    }

    /** From now on, every request is refused as RBAC refuses it ({@code true}), or answered ({@code false}). */
    public void forbid(boolean refuse) {
        forbidden = refuse;
    }

    /** The path and query of each request so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many requests were refused with 403 so far. */
    public int refusals() {
        return refusals.get();
    }

    /** How many watches are open now. */
    public int openWatches() {
        return watches.size();
    }

    /** Waits (polling, up to {@code within}) until exactly one watch is open. */
    public void awaitOneWatch(Duration within) {
        Eventually.until(within, "one open watch", () -> watches.size() == 1);
    }

    /**
     * Waits (polling, up to {@code within}) until {@code count} watches have been opened. One the client abandoned may
     * still count as open: as with a real server, that shows only when an event is written to it.
     */
    public void awaitWatches(int count, Duration within) {
        try {
            Eventually.until(within, count + " watches opened", () -> opened.get() >= count);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; open " + watches.size() + ", requests: " + requests, e);
        }
    }

    /**
     * Streams {@code eventLine} (one JSON event with its newline, e.g. {@link KubernetesApi#event}) into every open
     * watch; returns {@link System#nanoTime()} just before, when the event counts as sent.
     */
    public long send(String eventLine) {
        long sent = System.nanoTime();
        watches.forEach(queue -> queue.add(eventLine));
        return sent;
    }

    /** Cuts every open watch in the middle of an event: half a line, then the connection closes without an end. */
    public void drop() {
        watches.forEach(queue -> queue.add(DROP));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"kind\":\"Status\",\"code\":401,\"message\":\"Unauthorized\"}");
        } else if (forbidden) {
            refusals.incrementAndGet();
            reply(exchange, 403, "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
                    + "\"message\":\"ingresses.networking.k8s.io is forbidden\"}");
        } else if (query != null && query.contains("watch=1")) {
            stream(exchange);
        } else {
            reply(exchange, 200, list);
        }
    }

    /** Holds the watch open, writing each line sent until told to drop it or the server closes. */
    private void stream(HttpExchange exchange) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked: each flush below is one chunk on the wire
        OutputStream body = exchange.getResponseBody();
        body.flush();
        watches.add(queue);
        opened.incrementAndGet();
        try {
            while (true) {
                String next = queue.take();
                if (next.equals(END)) {
                    return;
                }
                if (next.equals(DROP)) {
                    body.write("{\"type\":\"ADDED\",\"obj".getBytes(StandardCharsets.UTF_8));
                    body.flush();
                    // No closing chunk: the server drops the connection of a handler that throws.
                    throw new IOException("the test drops this watch");
                }
                body.write(next.getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watches.remove(queue);
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        watches.forEach(queue -> queue.add(END));
        server.stop(0);
    }
}
