package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.net.BodyBudget;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.tls.TlsConnector;
import dev.vigil.probe.tls.TrustPolicy;
import dev.vigil.testing.Eventually;
import dev.vigil.time.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run that finds the shared body budget spent waits, and reads its whole body once another run returns room. */
class BudgetWaitTest {
    private static final int BODY = 200 * 1024;
    private static final Clock CLOCK = Clock.systemUTC();

    enum Route {
        JDK, PINNED
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aWaitingRunGetsItsWholeBodyOnceRoomIsReturned(Route route) throws Exception {
        TlsConnector connector = new TlsConnector(CLOCK);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             JdkHttpTransport jdk = new JdkHttpTransport(CLOCK, "Vigil/test", new HandshakeDiagnosis(connector, Resolver.SYSTEM, CLOCK));
             ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch sent = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> answerOnce(server, sent));
            HttpTransport transport = route == Route.JDK ? jdk
                    : new PinnedHttpTransport(InetAddress.getLoopbackAddress(), connector, CLOCK, "Vigil/test");
            Deadline deadline = Deadline.after(CLOCK, Duration.ofSeconds(20));
            BodyBudget budget = new BodyBudget(BODY);
            BodyBudget.Claim hog = budget.claim(deadline);
            assertTrue(hog.tryGrow(BodyBudget.FREE_PER_RUN + BODY));
            BodyBudget.Claim claim = budget.claim(deadline);
            HopRequest request = new HopRequest(URI.create("http://localhost:" + server.getLocalPort() + "/"), "GET", List.of(),
                    1024 * 1024, TrustPolicy.load(TlsOptions.DEFAULT),
                    route == Route.JDK ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1, claim);

            Future<HopResponse> run = runs.submit(() -> transport.exchange(request, deadline));
            assertTrue(sent.await(10, TimeUnit.SECONDS), "the target did not send its body");
            Eventually.until(Duration.ofSeconds(10), "the run to wait for room", () -> !claim.waitNote().isEmpty());
            assertFalse(run.isDone());
            hog.close();
            HopResponse response = run.get(10, TimeUnit.SECONDS);
            assertEquals(BODY, response.body().bytes().length);
            assertFalse(response.body().truncated());
            claim.close();
            assertEquals(0, budget.used());
        }
    }

    private static void answerOnce(ServerSocket server, CountDownLatch sent) {
        byte[] body = new byte[BODY];
        Arrays.fill(body, (byte) 'x');
        try (Socket socket = server.accept()) {
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            sent.countDown();
            socket.shutdownOutput();
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client gave up: the test fails on its own assertions.
        }
    }
}
