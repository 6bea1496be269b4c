package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Resolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sixty targets that each send 1 MiB less 100 bytes of a 1 MiB body and then stall used to hold all of it, and more,
 * until their deadlines: the agent's heap ran out within seconds. The body bytes all runs hold are now bounded by
 * the prober's shared budget, and the runs that found it spent say so.
 */
class StalledBodiesTest {
    private static final int RUNS = 60;
    private static final int BODY = 1024 * 1024;
    private static final int SENT = BODY - 100;

    enum Route {
        JDK, PINNED
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void runsBeyondTheSharedBudgetWaitAndSaySo(Route route) throws Exception {
        List<ProbeResult> results = new ArrayList<>();
        try (StallingTarget target = new StallingTarget();
             HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
             ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
            ProbeSpec spec = Specs.withTimeout(ProbeSpec.of(URI.create("http://localhost:" + target.port() + "/big")), Duration.ofSeconds(4));
            ProbeSpec routed = route == Route.PINNED
                    ? Specs.pinned(spec, new AddressOverride("localhost", target.port(), InetAddress.getLoopbackAddress()))
                    : spec;
            List<Future<ProbeResult>> futures = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                futures.add(runs.submit(() -> probe.run(routed)));
            }
            for (Future<ProbeResult> f : futures) {
                results.add(f.get());
            }
            long starved = results.stream().filter(r -> r.failure() != null
                    && r.failure().message().contains("body budget that all probes share")).count();
            results.forEach(r -> {
                assertNotNull(r.failure(), "a stalled body passed");
                assertEquals(FailureKind.TIMEOUT, r.failure().kind(), r.failure().message());
            });
            // 32 MiB holds at most 34 of these bodies beyond their free 64 KiB each, so once all bytes arrive 26 runs
            // or more wait; how many bytes arrive before the deadlines depends on the machine, so ask for fewer.
            assertTrue(starved >= 10, starved + " runs named the budget: " + results.getFirst().failure().message());

            // Once those runs are over, the budget is whole again: a complete body of the same size is read in full.
            target.complete = true;
            ProbeResult healthy = probe.run(routed);
            assertNull(healthy.failure(), () -> healthy.failure().message());
        }
    }

    /** Sends a 1 MiB body but stalls 100 bytes short, holding the connection, until {@link #complete} is set. */
    private static final class StallingTarget implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, RUNS * 2, InetAddress.getLoopbackAddress());
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final Thread acceptor = Thread.ofVirtual().start(this::accept);
        volatile boolean complete;

        StallingTarget() throws IOException {
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.add(socket);
                    Thread.ofVirtual().start(() -> answer(socket));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void answer(Socket socket) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[complete ? BODY : SENT]);
                out.flush();
                if (complete) {
                    socket.shutdownOutput();
                }
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // The client gave up, or the test closed the socket.
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
            acceptor.join(Duration.ofSeconds(5));
        }
    }
}
