package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.output.prometheus.ProbeMetrics;
import dev.vigil.testing.Eventually;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's own endpoints against clients that misbehave, and the lifecycle endpoint switched off and on. */
class AgentServerTest {
    /** How long a test waits for the server to cut a connection off; far beyond the deadline it is given. */
    private static final int CUT_OFF_WAIT_MILLIS = 20_000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsPage page = new MetricsPage(registry, new ProbeMetrics(Clock.systemUTC()));
    private final AtomicInteger reloads = new AtomicInteger();
    private AgentServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private InetSocketAddress start(boolean lifecycle, Duration deadline) throws IOException {
        server = new AgentServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), page, () -> true,
                lifecycle ? () -> new ReloadOutcome(true, "reloaded " + reloads.incrementAndGet(), List.of()) : null,
                deadline);
        return server.address();
    }

    private static HttpResponse<String> post(InetSocketAddress at, String path) {
        return Scrape.send(at, HttpRequest.newBuilder(Scrape.uri(at, path)).POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Sends {@code request} as it is and returns the first line of the answer, or null when the server closed. */
    private static String statusLine(InetSocketAddress at, byte[] request) throws IOException {
        try (Socket socket = new Socket(at.getAddress(), at.getPort())) {
            socket.setSoTimeout(CUT_OFF_WAIT_MILLIS);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server stopped reading and closed: read what it answered, if anything
            }
            StringBuilder line = new StringBuilder();
            try {
                InputStream in = socket.getInputStream();
                for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
                    line.append((char) b);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer and not closed within " + CUT_OFF_WAIT_MILLIS + " ms", e);
            } catch (IOException e) {
                // reset: closed without an answer
            }
            return line.isEmpty() ? null : line.toString();
        }
    }

    @Test
    void withoutTheLifecycleFlagReloadIsForbiddenAndSaysHowToEnableIt() throws IOException {
        InetSocketAddress at = start(false, AgentServer.EXCHANGE_DEADLINE);

        HttpResponse<String> post = post(at, "/-/reload");

        assertEquals(403, post.statusCode());
        assertEquals("Lifecycle API is not enabled. Start Vigil with --web.enable-lifecycle to reload with POST "
                + "/-/reload; a change of the config file, or SIGHUP, reloads without it.\n", post.body());
        assertEquals(0, reloads.get());
        assertEquals(405, Scrape.get(at, "/-/reload").statusCode());
    }

    @Test
    void withTheLifecycleFlagReloadReloads() throws IOException {
        InetSocketAddress at = start(true, AgentServer.EXCHANGE_DEADLINE);

        HttpResponse<String> post = post(at, "/-/reload");

        assertEquals(200, post.statusCode());
        assertEquals("reloaded 1\n", post.body());
    }

    @Test
    void aClientSendingItsHeadersByteByByteIsCutOffAndOthersAreServedMeanwhile() throws Exception {
        InetSocketAddress at = start(true, Duration.ofSeconds(1));
        try (Socket slow = new Socket(at.getAddress(), at.getPort())) {
            slow.setSoTimeout(CUT_OFF_WAIT_MILLIS);
            OutputStream out = slow.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: vigil\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread dripping = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(50); // the slow client's pace, not a wait for another thread
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off, or the test is over
                }
            });
            assertEquals(200, Scrape.get(at, "/-/healthy").statusCode(), "a client served while the slow one drips");

            int first;
            try {
                first = slow.getInputStream().read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the slow client was not cut off within " + CUT_OFF_WAIT_MILLIS + " ms", e);
            } catch (IOException e) {
                first = -1; // reset
            }
            dripping.interrupt();

            assertEquals(-1, first, "the slow client got an answer instead of being cut off");
            assertEquals(200, Scrape.get(at, "/-/healthy").statusCode());
        }
    }

    @Test
    void requestsBeyondTheLimitAreClosedAtOnceWhileTheOthersWait() throws Exception {
        InetSocketAddress at = start(true, AgentServer.EXCHANGE_DEADLINE);
        List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < AgentServer.MAX_EXCHANGES; i++) {
                Socket socket = new Socket(at.getAddress(), at.getPort());
                slow.add(socket);
                socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: vigil\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            // Each slow request holds its place once the server has started reading it; keep knocking until one more
            // is turned away, which must happen long before the others' deadline.
            Eventually.until(Duration.ofSeconds(10), "a request beyond the limit closed without an answer",
                    () -> {
                        try {
                            return statusLine(at, "GET /-/healthy HTTP/1.1\r\nHost: vigil\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII)) == null;
                        } catch (IOException e) {
                            return true; // refused while connecting
                        }
                    });

            Socket first = slow.getFirst();
            first.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> first.getInputStream().read(),
                    "the slow requests are still waiting, not cut off");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        Eventually.until(Duration.ofSeconds(10), "served again once the slow clients left", () -> {
            try {
                return Scrape.get(at, "/-/healthy").statusCode() == 200;
            } catch (java.io.UncheckedIOException e) {
                return false; // a place not yet given back
            }
        });
    }

    @Test
    void oversizedHeadersAreRefused() throws IOException {
        InetSocketAddress at = start(true, AgentServer.EXCHANGE_DEADLINE);
        String twentyKiB = "GET /metrics HTTP/1.1\r\nHost: vigil\r\nX-Big: " + "a".repeat(20 * 1024)
                + "\r\nConnection: close\r\n\r\n";
        String oneMiB = "GET /metrics HTTP/1.1\r\nHost: vigil\r\nX-Big: " + "a".repeat(1 << 20)
                + "\r\nConnection: close\r\n\r\n";

        String twenty = statusLine(at, twentyKiB.getBytes(StandardCharsets.US_ASCII));
        String mebibyte = statusLine(at, oneMiB.getBytes(StandardCharsets.US_ASCII));

        // Refused by the JDK's limit where it applies (closed without an answer), else by the server's own check.
        assertTrue(twenty == null || twenty.startsWith("HTTP/1.1 431 "), String.valueOf(twenty));
        assertTrue(mebibyte == null || mebibyte.startsWith("HTTP/1.1 431 "), String.valueOf(mebibyte));
        assertEquals(200, Scrape.get(at, "/-/healthy").statusCode());
    }

    @Test
    void aRequestBodyIsRefusedWithoutBeingRead() throws IOException {
        InetSocketAddress at = start(true, AgentServer.EXCHANGE_DEADLINE);
        // Announces 1 MiB and sends none of it: the answer must not wait for the body.
        String request = "POST /-/reload HTTP/1.1\r\nHost: vigil\r\nContent-Length: 1048576\r\n\r\n";

        String status = statusLine(at, request.getBytes(StandardCharsets.US_ASCII));

        assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
        assertEquals(0, reloads.get());
    }

    @Test
    void headerBytesCountEachLineAsSent() {
        com.sun.net.httpserver.Headers headers = new com.sun.net.httpserver.Headers();
        headers.add("Host", "vigil");
        headers.add("Accept", "text/plain");
        headers.add("Accept", "*/*");

        // "Host: vigil\r\n" 13, "Accept: text/plain\r\n" 20, "Accept: */*\r\n" 13
        assertEquals(46, AgentServer.headerBytes(headers));
        assertFalse(AgentServer.headerBytes(headers) > AgentServer.MAX_HEADER_BYTES);
    }
}
