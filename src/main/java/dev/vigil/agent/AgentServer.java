package dev.vigil.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The agent's own endpoints, on the JDK's HTTP server: {@code /metrics}, {@code /-/healthy}, {@code /-/ready} and
 * {@code POST /-/reload}, with Prometheus' own paths and status codes so the same probes and scripts work.
 */
final class AgentServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    AgentServer(InetSocketAddress listen, MetricsPage page, BooleanSupplier ready, Supplier<ReloadOutcome> reload)
            throws IOException {
        server = HttpServer.create(listen, 0);
        server.setExecutor(executor);
        server.createContext("/metrics", get(exchange -> metrics(exchange, page)));
        server.createContext("/-/healthy", get(exchange -> text(exchange, 200, "Vigil is Healthy.\n")));
        server.createContext("/-/ready", get(exchange -> {
            boolean isReady = ready.getAsBoolean();
            text(exchange, isReady ? 200 : 503, isReady ? "Vigil is Ready.\n" : "Vigil is not ready.\n");
        }));
        server.createContext("/-/reload", exchange -> handle(exchange, "POST", () -> {
            ReloadOutcome outcome = reload.get();
            StringBuilder body = new StringBuilder(outcome.summary()).append('\n');
            outcome.errors().forEach(error -> body.append(error).append('\n'));
            text(exchange, outcome.applied() ? 200 : 500, body.toString());
        }));
        server.createContext("/", get(exchange -> {
            boolean root = exchange.getRequestURI().getPath().equals("/");
            text(exchange, root ? 200 : 404, root ? "Vigil: /metrics /-/healthy /-/ready /-/reload (POST)\n"
                    : "not found\n");
        }));
        server.start();
    }

    /** The bound address, which differs from the requested one when port 0 was asked for. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
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

    /** Answers with {@code action} when the method is allowed (HEAD counts as GET), else 405. */
    private static void handle(HttpExchange exchange, String method, Action action) throws IOException {
        try (exchange) {
            String asked = exchange.getRequestMethod();
            if (asked.equals(method) || method.equals("GET") && asked.equals("HEAD")) {
                action.respond();
            } else {
                exchange.getResponseHeaders().set("Allow", method);
                text(exchange, 405, "method " + asked + " not allowed; use " + method + "\n");
            }
        }
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

    private static boolean acceptsGzip(List<String> acceptEncoding) {
        return acceptEncoding != null && acceptEncoding.stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(coding -> coding.trim().toLowerCase().startsWith("gzip"));
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
