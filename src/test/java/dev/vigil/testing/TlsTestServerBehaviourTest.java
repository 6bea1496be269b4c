package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each ready-made responder does what it says, over TLS and plain TCP. */
class TlsTestServerBehaviourTest {
    private static final TestPki PKI = TestPki.create();

    @Test
    void keepsConnectionAliveAndRecordsHeaders() throws Exception {
        Issued leaf = PKI.leaf("127.0.0.1").ipSans("127.0.0.1").issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("up")).start();
             HttpClient client = HttpClient.newBuilder().sslContext(PKI.clientSslContext())
                     .version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(server.uri("/health")).build();

            assertEquals("up", client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("up", client.send(request, HttpResponse.BodyHandlers.ofString()).body());

            assertEquals(1, server.connectionsAccepted());
            assertEquals(2, server.requestsServed());
            ReceivedRequest first = server.requests().getFirst();
            assertEquals("GET", first.method());
            assertEquals("/health", first.target());
            assertEquals("127.0.0.1:" + server.port(), first.header("Host"));
            assertNull(first.header("Connection"));
        }
    }

    @Test
    void honoursConnectionClose() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.ok("bye")).start()) {
            var response = LoopbackClient.get("127.0.0.1", server.port(), "/");

            assertTrue(response.text().contains("Connection: close\r\n"));
            assertEquals("bye", response.body());
            assertEquals("close", server.requests().getFirst().header("connection"));
        }
    }

    @Test
    void neverAnswersUntilClosed() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        TlsTestServer server = TlsTestServer.plain()
                .responder(Responders.signalling(arrived, Responders.neverAnswer())).start();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<LoopbackClient.Response> response =
                    executor.submit(() -> LoopbackClient.get("127.0.0.1", server.port(), "/"));
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            assertFalse(response.isDone());

            server.close();

            assertEquals("", response.get(10, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void answersOnlyOnceBothRequestsAreInFlight() throws Exception {
        CyclicBarrier bothArrived = new CyclicBarrier(2);
        Issued leaf = PKI.leaf("127.0.0.1").issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf)
                .responder(Responders.awaiting(bothArrived, Responders.ok("together"))).start();
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var context = PKI.clientSslContext();
            Future<LoopbackClient.Response> a = executor.submit(() -> LoopbackClient.get(context, "127.0.0.1", server.port(), "/a"));
            Future<LoopbackClient.Response> b = executor.submit(() -> LoopbackClient.get(context, "127.0.0.1", server.port(), "/b"));

            assertEquals("together", a.get(10, TimeUnit.SECONDS).body());
            assertEquals("together", b.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void gateHoldsTheAnswerUntilOpened() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        try (TlsTestServer server = TlsTestServer.plain()
                .responder(Responders.signalling(arrived, Responders.awaiting(gate, Responders.ok("late")))).start();
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<LoopbackClient.Response> response =
                    executor.submit(() -> LoopbackClient.get("127.0.0.1", server.port(), "/"));
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            assertFalse(response.isDone());

            gate.countDown();

            assertEquals("late", response.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void closeReleasesAResponderStuckOnAGate() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch neverOpened = new CountDownLatch(1);
        TlsTestServer server = TlsTestServer.plain()
                .responder(Responders.signalling(arrived, Responders.awaiting(neverOpened, Responders.ok("never"))))
                .start();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<LoopbackClient.Response> response =
                    executor.submit(() -> LoopbackClient.get("127.0.0.1", server.port(), "/"));
            assertTrue(arrived.await(10, TimeUnit.SECONDS));

            server.close(); // joins every server thread, or throws

            assertEquals("", response.get(10, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void dribblesSlowBody() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain()
                .responder(Responders.slowBody("slow", Duration.ofMillis(20))).start()) {
            var response = LoopbackClient.get("127.0.0.1", server.port(), "/");

            assertEquals("HTTP/1.1 200 OK", response.statusLine());
            assertEquals("slow", response.body());
        }
    }

    @Test
    void endlessBodyKeepsComingUntilTheClientLeaves() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.endlessBody()).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();

            byte[] megabyte = in.readNBytes(1 << 20);

            assertEquals(1 << 20, megabyte.length);
        }
    }

    @Test
    void sendsMalformedStatusLine() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.malformed()).start()) {
            assertTrue(LoopbackClient.get("127.0.0.1", server.port(), "/").statusLine().startsWith("GARBAGE"));
        }
    }

    @Test
    void resetsTheConnection() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.reset()).start()) {
            SocketException e = assertThrows(SocketException.class,
                    () -> LoopbackClient.get("127.0.0.1", server.port(), "/"));
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
    }

    @Test
    void resetsUnderTls() throws Exception {
        Issued leaf = PKI.leaf("127.0.0.1").issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.reset()).start()) {
            assertThrows(SocketException.class,
                    () -> LoopbackClient.get(PKI.clientSslContext(), "127.0.0.1", server.port(), "/"));
        }
    }

    @Test
    void redirects() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.redirect(302, "/next")).start()) {
            var response = LoopbackClient.get("127.0.0.1", server.port(), "/");

            assertEquals("HTTP/1.1 302 Found", response.statusLine());
            assertTrue(response.text().contains("\r\nLocation: /next\r\n"));
            assertEquals("http", server.uri("/x").getScheme());
        }
    }

    @Test
    void refusesNonLoopbackAddresses() {
        assertThrows(IllegalArgumentException.class, () -> TlsTestServer.plain().bindAddress("192.0.2.1"));
    }
}
