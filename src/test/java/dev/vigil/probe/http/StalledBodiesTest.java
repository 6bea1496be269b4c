package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.RawTarget;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
        AtomicBoolean complete = new AtomicBoolean();
        try (RawTarget target = RawTarget.start(stalling(complete));
             HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
             ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpSpec spec = Specs.withTimeout(HttpSpec.of(URI.create("http://localhost:" + target.port() + "/big")), Duration.ofSeconds(4));
            HttpSpec routed = route == Route.PINNED
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
            complete.set(true);
            ProbeResult healthy = probe.run(routed);
            assertNull(healthy.failure(), () -> healthy.failure().message());
        }
    }

    /** Sends a 1 MiB body but stalls 100 bytes short, holding the connection, until {@code complete} is set. */
    private static RawTarget.Handler stalling(AtomicBoolean complete) {
        return socket -> {
            boolean whole = complete.get();
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[whole ? BODY : SENT]);
            out.flush();
            if (whole) {
                socket.shutdownOutput();
            }
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        };
    }
}
