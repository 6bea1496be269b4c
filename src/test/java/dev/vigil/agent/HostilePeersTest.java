package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.FakeClock;
import dev.vigil.web.Where;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that answer too much, too slowly, not JSON, an error, or not at all: each poll is bounded, each such peer
 * shows why, and a good peer polled in the same round is taken as usual.
 */
class HostilePeersTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String GOOD = """
            {"agent": {"name": "good", "location": "us-east"},
             "probes": [{"name": "shop", "url": "https://shop/", "state": "up", "labels": {}}]}""";

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private Peers peers;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        serve("/good", exchange -> answer(exchange, 200, GOOD.getBytes(StandardCharsets.UTF_8)));
        serve("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                byte[] spaces = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                body.write("{\"agent\": {\"name\": \"huge\"}, \"probes\": [".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 17; i++) {
                    body.write(spaces);
                }
                body.write("]}".getBytes(StandardCharsets.UTF_8));
            }
        });
        serve("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write("{\"agent\": ".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                release.await(); // holds the body open until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            body.close();
        });
        serve("/bad", exchange -> answer(exchange, 200, "{\"agent\": {\"name\": \"bad\"}, \"probes\": [{,]}"
                .getBytes(StandardCharsets.UTF_8)));
        serve("/error", exchange -> answer(exchange, 500, "oops".getBytes(StandardCharsets.UTF_8)));
        server.start();
        peers = new Peers(new FakeClock(NOW), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        release.countDown();
        peers.close();
        server.stop(0);
    }

    private void serve(String path, HttpHandler handler) {
        server.createContext(path + Peers.PATH, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private URI peer(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void eachHostilePeerShowsWhyAndTheGoodOneIsTaken() throws IOException {
        try (ClosedPort closed = ClosedPort.tcp()) {
            URI gone = URI.create("http://127.0.0.1:" + closed.port());
            peers.follow(List.of(peer("/huge"), peer("/slow"), peer("/bad"), peer("/error"), gone, peer("/good")));

            peers.pollAll();

            Map<String, String> failures = peers.views().stream().collect(Collectors.toMap(
                    view -> view.shown().substring(view.shown().lastIndexOf('/') + 1), view -> String.valueOf(
                            view.failure())));
            assertEquals("the answer is larger than 16 MiB", failures.get("huge"));
            assertEquals("no whole answer within 2 s", failures.get("slow"));
            assertTrue(failures.get("bad").startsWith("malformed JSON: Unexpected character (','"), failures.get("bad"));
            assertEquals("answered HTTP 500", failures.get("error"));
            assertEquals("connection refused", failures.get("127.0.0.1:" + closed.port()));
            assertEquals("null", failures.get("good"));
        }
        PeerListing listing = PeerListing.of(peers.views(), NOW, peers.staleAfter(), "self");
        assertEquals(List.of("good/shop"), listing.rows().stream().map(row -> row.where().agent() + "/" + row.name())
                .toList());
        assertEquals(List.of(new Where("good", "us-east", null, peer("/good").toString())), listing.fleet().peers());
        assertEquals(5, listing.fleet().notices().size(), listing.fleet().notices().toString());
    }

    @Test
    void aPeerThatFailsKeepsItsLastAnswerWithItsTime() {
        peers.follow(List.of(peer("/good")));
        peers.pollAll();
        server.removeContext("/good" + Peers.PATH);
        serve("/good", exchange -> answer(exchange, 503, new byte[0]));

        peers.pollAll();

        PeerView view = peers.views().getFirst();
        assertEquals("answered HTTP 503", view.failure());
        assertEquals(NOW, view.answeredAt());
        assertEquals("good", view.last().where().agent());
    }

    @Test
    void aPeersUserInfoIsSentAsBasicAuthenticationAndShownNowhere() throws IOException {
        AtomicReference<String> authorization = new AtomicReference<>();
        serve("/auth", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, 200, GOOD.getBytes(StandardCharsets.UTF_8));
        });
        URI url = URI.create("http://vigil:s%40cret@127.0.0.1:" + server.getAddress().getPort() + "/auth/");
        peers.follow(List.of(url));

        peers.pollAll();

        assertEquals("Basic dmlnaWw6c0BjcmV0", authorization.get()); // vigil:s@cret
        PeerView view = peers.views().getFirst();
        assertEquals("http://127.0.0.1:" + server.getAddress().getPort() + "/auth", view.shown());
        assertEquals(view.shown(), view.last().where().base());
    }
}
