package dev.vigil.agent;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.web.Site;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The agent's own endpoints, on the JDK's HTTP server: the status pages ({@code /} and {@code /probes/<name>}, HTML;
 * {@code /} answers the list of endpoints to a client asking for plain text only; {@code /api/v1/status}, JSON for
 * the agent's peers), {@code /metrics}, {@code /-/healthy}, {@code /-/ready} and,
 * with {@code --web.enable-lifecycle}, {@code POST /-/reload}, with Prometheus' own paths and status codes so the same
 * probes and scripts work. Requests are bounded: at most {@value #MAX_EXCHANGES} at once, each over within its
 * deadline (a client that sends its headers byte by byte is cut off), headers of at most {@value #MAX_HEADER_BYTES}
 * bytes and no request body. There is no TLS or authentication: put a reverse proxy in front for those.
 */
final class AgentServer implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");
    /** Requests handled at once; a scraper, health checks and a person need a handful. */
    static final int MAX_EXCHANGES = 32;
    /** Request header bytes: a scrape's are a few hundred, a proxy's with a bearer token a few thousand. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** How long one request may take from its first byte to the end of its answer, a large page included. */
    static final Duration EXCHANGE_DEADLINE = Duration.ofSeconds(30);
    /** What {@code /} answers a client asking for plain text only. */
    static final String ENDPOINTS = "Vigil: / /probes/<name> /api/v1/status /metrics /probe /-/healthy /-/ready "
            + "/-/reload (POST)\n";
    private static final String PROBE_PAGES = "/probes/";
    /**
     * The pages have no script and load nothing: a policy that allows exactly that, so that text which escaped
     * escaping would still run nothing.
     */
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    static {
        // The JDK server's own limits, read once when its classes load, which is after this in `vigil run`. They make
        // it stop reading at these bounds; the checks below hold the same bounds whatever the JDK was told earlier.
        // A -D option given to the JVM wins. Not its maxReqTime: that would also cut off a reload still in progress,
        // and BoundedExchanges bounds each request's time already.
        limit("sun.net.httpserver.maxReqHeaderSize", MAX_HEADER_BYTES);
        limit("sun.net.httpserver.maxReqHeaders", 100);
        limit("jdk.httpserver.maxConnections", 2 * MAX_EXCHANGES);
    }

    private final HttpServer server;
    private final BoundedExchanges exchanges;

    /**
     * Binds and starts serving.
     *
     * @param reload   what {@code POST /-/reload} does; null when the lifecycle endpoints are off, and it answers 403
     * @param deadline how long one request may take, {@link #EXCHANGE_DEADLINE} in the agent
     */
    AgentServer(InetSocketAddress listen, MetricsPage page, BooleanSupplier ready, Supplier<ReloadOutcome> reload,
            Duration deadline) throws IOException {
        this(listen, page, ready, reload, deadline, null);
    }

    /** As above, with {@code /probe} answered by {@code probe}; null answers 404 there. */
    AgentServer(InetSocketAddress listen, MetricsPage page, BooleanSupplier ready, Supplier<ReloadOutcome> reload,
            Duration deadline, ProbeEndpoint probe) throws IOException {
        this(listen, page, ready, reload, deadline, probe, null);
    }

    /**
     * As above, with the status pages at {@code /} and {@code /probes/<name>}; null answers {@code /} with the list of
     * endpoints in plain text, as a client that asks for text only is answered anyway.
     */
    AgentServer(InetSocketAddress listen, MetricsPage page, BooleanSupplier ready, Supplier<ReloadOutcome> reload,
            Duration deadline, ProbeEndpoint probe, StatusPages pages) throws IOException {
        this(listen, page, ready, reload, deadline, probe, pages, "");
    }

    /**
     * As above, every endpoint under {@code route} ({@code --web.route-prefix}, e.g. {@code /vigil}: {@code
     * /vigil/metrics}, {@code /vigil/}), empty for the root; the pages' links start with it, after the prefix a proxy
     * in front says it serves the agent under.
     */
    AgentServer(InetSocketAddress listen, MetricsPage page, BooleanSupplier ready, Supplier<ReloadOutcome> reload,
            Duration deadline, ProbeEndpoint probe, StatusPages pages, String route) throws IOException {
        exchanges = new BoundedExchanges(MAX_EXCHANGES, deadline);
        server = HttpServer.create(listen, 0);
        server.setExecutor(exchanges);
        server.createContext(route + "/metrics", get(exchange -> metrics(exchange, page)));
        server.createContext(route + "/-/healthy", get(exchange -> text(exchange, 200, "Vigil is Healthy.\n")));
        server.createContext(route + "/-/ready", get(exchange -> {
            boolean isReady = ready.getAsBoolean();
            text(exchange, isReady ? 200 : 503, isReady ? "Vigil is Ready.\n" : "Vigil is not ready.\n");
        }));
        server.createContext(route + "/-/reload", exchange -> handle(exchange, "POST", () -> {
            if (reload == null) {
                // Prometheus' answer and status when its lifecycle API is off.
                text(exchange, 403, "Lifecycle API is not enabled. Start Vigil with --web.enable-lifecycle to "
                        + "reload with POST /-/reload; a change of the config file, or SIGHUP, reloads without it.\n");
                return;
            }
            ReloadOutcome outcome = reload.get();
            StringBuilder body = new StringBuilder(outcome.summary()).append('\n');
            outcome.errors().forEach(error -> body.append(error).append('\n'));
            text(exchange, outcome.applied() ? 200 : 500, body.toString());
        }));
        if (probe != null) {
            server.createContext(route + "/probe", get(exchange -> probe(exchange, probe, route)));
        }
        if (pages != null) {
            server.createContext(route + PROBE_PAGES, get(exchange -> probePage(exchange, pages, route)));
            server.createContext(route + Peers.PATH, get(exchange -> status(exchange, pages, route)));
        }
        server.createContext("/", get(exchange -> {
            if (!exchange.getRequestURI().getPath().equals(route + "/")) {
                text(exchange, 404, "not found\n");
            } else if (pages == null || wantsText(exchange.getRequestHeaders().getFirst("Accept"))) {
                text(exchange, 200, ENDPOINTS);
            } else {
                html(exchange, 200, pages.overview(exchange.getRequestURI().getRawQuery(), prefix(exchange, route)));
            }
        }));
        server.start();
    }

    private static void limit(String property, long value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Long.toString(value));
        }
    }

    /** The bound address, which differs from the requested one when port 0 was asked for. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops serving at once; requests in progress are cut off, not waited for: one may be hung. */
    @Override
    public void close() {
        server.stop(0);
        exchanges.close();
    }

    private interface Action {
        void respond() throws IOException;
    }

    private interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private static HttpHandler get(Responder responder) {
        return exchange -> handle(exchange, "GET", () -> responder.respond(exchange));
    }

    /**
     * Answers with {@code action} when the request is within bounds and its method allowed (HEAD counts as GET):
     * else 431 for headers too large, 413 for a body (no endpoint takes one), 405 for another method.
     */
    private static void handle(HttpExchange exchange, String method, Action action) throws IOException {
        try (exchange) {
            String asked = exchange.getRequestMethod();
            Headers headers = exchange.getRequestHeaders();
            if (headerBytes(headers) > MAX_HEADER_BYTES) {
                text(exchange, 431, "request headers larger than " + MAX_HEADER_BYTES / 1024 + " KiB\n");
            } else if (hasBody(headers)) {
                text(exchange, 413, "no request body is accepted here\n");
            } else if (asked.equals(method) || method.equals("GET") && asked.equals("HEAD")) {
                respond(exchange, action);
            } else {
                exchange.getResponseHeaders().set("Allow", method);
                text(exchange, 405, "method " + asked + " not allowed; use " + method + "\n");
            }
        }
    }

    /** Runs {@code action}; one that fails answers 500 with the reason rather than an empty reply. */
    private static void respond(HttpExchange exchange, Action action) throws IOException {
        try {
            action.respond();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "internal error answering " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + ": " + e);
            if (exchange.getResponseCode() == -1) {
                text(exchange, 500, "internal error: " + e + "\n");
            }
        }
    }

    /** The request's header bytes as sent: each {@code Name: value} line with its CRLF. */
    static long headerBytes(Headers headers) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return bytes;
    }

    private static boolean hasBody(Headers headers) {
        String length = headers.getFirst("Content-Length");
        return headers.containsKey("Transfer-Encoding") || length != null && !length.strip().equals("0");
    }

    /** The agent's page, gzipped when the client accepts it. */
    private static void metrics(HttpExchange exchange, MetricsPage page) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", MetricsPage.TEXT_FORMAT);
        boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        // Length 0 means chunked: the exposition is streamed, never held whole in memory.
        exchange.sendResponseHeaders(200, head ? -1 : 0);
        if (head) {
            return;
        }
        try (OutputStream body = gzip ? new GZIPOutputStream(exchange.getResponseBody(), 64 * 1024)
                : exchange.getResponseBody()) {
            page.writeTo(body);
        }
    }

    /** One {@code /probe} run, answered in the text format, or the reason it was not run. */
    private static void probe(HttpExchange exchange, ProbeEndpoint probe, String route) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(route + "/probe")) {
            text(exchange, 404, "not found\n");
            return;
        }
        ProbeEndpoint.Answer answer = probe.answer(exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"));
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        if (answer.status() != 200) {
            text(exchange, answer.status(), answer.body());
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", MetricsPage.TEXT_FORMAT);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    /** One probe's page, its name the rest of the path, decoded. */
    private static void probePage(HttpExchange exchange, StatusPages pages, String route) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(route.length() + PROBE_PAGES.length());
        Optional<String> page = pages.probe(name, prefix(exchange, route));
        if (page.isEmpty()) {
            text(exchange, 404, "no probe is named " + name + "\n");
        } else {
            html(exchange, 200, page.get());
        }
    }

    /** The agent's status as JSON for its peers, or 404 for a probe it has not. */
    private static void status(HttpExchange exchange, StatusPages pages, String route) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(route + Peers.PATH)) {
            text(exchange, 404, "not found\n");
            return;
        }
        Optional<String> status = pages.status(exchange.getRequestURI().getRawQuery());
        if (status.isEmpty()) {
            text(exchange, 404, "no such probe\n");
        } else {
            send(exchange, 200, "application/json", status.get());
        }
    }

    /**
     * What the pages' links start with: the path prefix a proxy in front says it serves the agent under, when it is a
     * plain path, then the agent's own {@code route}.
     */
    private static String prefix(HttpExchange exchange, String route) {
        return Site.forwardedPrefix(exchange.getRequestHeaders().getFirst("X-Forwarded-Prefix")) + route;
    }

    /** Whether a client's {@code Accept} asks for plain text and not HTML, as scripts that read {@code /} do. */
    static boolean wantsText(String accept) {
        return accept != null && accept.contains("text/plain") && !accept.contains("text/html");
    }

    private static boolean acceptsGzip(List<String> acceptEncoding) {
        return acceptEncoding != null && acceptEncoding.stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(coding -> coding.trim().toLowerCase().startsWith("gzip"));
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        send(exchange, status, "text/html; charset=utf-8", body);
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        // Closed here, before the exchange: the answer then goes out at once, and a request body nobody reads
        // closes the connection rather than being waited for.
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
