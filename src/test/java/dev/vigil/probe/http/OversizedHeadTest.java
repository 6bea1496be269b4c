package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.RawTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A target whose response head never ends (a 10 MiB header value, the connection held open) must cost a failed run
 * nothing once it is over: before the fix {@code java.net.http} kept every such connection open, with what it had
 * read, and the agent ran out of heap after a few minutes.
 */
class OversizedHeadTest {
    private static final int RUNS = 20;

    enum Route {
        JDK, PINNED
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void nothingOfAFailedRunStaysReachable(Route route) throws Exception {
        try (RawTarget target = RawTarget.start(OversizedHeadTest::endlessHeader);
             HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test")) {
            List<WeakReference<URI>> urls = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                // A URI of its own per run: the probe hands it down to the request, so it lives as long as the exchange.
                URI url = new URI("http://localhost:" + target.port() + "/run-" + i);
                HttpSpec spec = HttpSpec.of(url);
                if (route == Route.PINNED) {
                    spec = Specs.pinned(spec, new AddressOverride("localhost", target.port(), InetAddress.getLoopbackAddress()));
                }
                ProbeResult result = probe.run(spec);
                assertNotNull(result.failure(), "an endless response head passed");
                assertEquals(FailureKind.PROTOCOL, result.failure().kind(), result.failure().message());
                urls.add(new WeakReference<>(url));
            }
            Eventually.until(Duration.ofSeconds(10), "every failed run's request to be unreachable", () -> {
                System.gc();
                return urls.stream().allMatch(ref -> ref.get() == null);
            });
        }
    }

    /** Answers with a status line and a header value that goes on for 10 MiB, then holds the connection open. */
    private static void endlessHeader(Socket socket) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        OutputStream out = socket.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nX-Big: ".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 160; i++) {
            out.write(chunk); // blocks once the client stops reading: the connection stays open
        }
        out.flush();
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    }
}
