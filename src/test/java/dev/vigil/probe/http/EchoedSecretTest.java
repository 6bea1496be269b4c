package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Responder;
import dev.vigil.testing.TlsTestServer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A target that echoes its request: what Vigil quotes from it never carries the probe's credentials. */
class EchoedSecretTest {
    private static final String TOKEN = "tok-0123456789";
    private static final String API_KEY = "key-from-a-file";
    private static final HttpProbe PROBE = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");

    enum Route {
        JDK, PINNED
    }

    @AfterAll
    static void close() {
        PROBE.close();
    }

    private static HttpSpec spec(Route route, int port, HttpExpectations expect) {
        HttpSpec s = HttpSpec.of(URI.create("http://localhost:" + port + "/debug"));
        List<Header> headers = List.of(new Header("Authorization", "Bearer " + TOKEN, false), new Header("X-Api-Key", API_KEY, true));
        return new HttpSpec(s.url(), "GET", headers, s.timeout(), expect, s.tls(), s.maxBodyBytes(),
                route == Route.PINNED ? List.of(new AddressOverride("localhost", port, InetAddress.getLoopbackAddress())) : List.of(),
                s.ipFamily(), s.httpVersion(), null);
    }

    private static ProbeResult probe(Route route, Responder responder, HttpExpectations expect) throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(responder).start()) {
            return PROBE.run(spec(route, server.port(), expect));
        }
    }

    private static void assertNoSecret(ProbeResult result) {
        assertNotNull(result.failure(), "the probe passed");
        String message = result.failure().message();
        assertFalse(message.contains(TOKEN) || message.contains(API_KEY), message);
        assertFalse(String.valueOf(result.http()).contains(TOKEN), String.valueOf(result.http()));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void anEchoedRequestInAnErrorBodyIsRedacted(Route route) throws Exception {
        ProbeResult result = probe(route, (request, exchange) -> {
            String body = "x-api-key=" + request.header("x-api-key") + " authorization=" + request.header("authorization");
            exchange.send("HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            return false;
        }, HttpExpectations.DEFAULT);
        assertNoSecret(result);
        assertEquals(FailureKind.HTTP_STATUS, result.failure().kind());
        assertTrue(result.failure().message().contains("x-api-key=*** authorization=***"), result.failure().message());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void anEchoedCredentialInARedirectIsRedacted(Route route) throws Exception {
        ProbeResult result = probe(route, (request, exchange) -> {
            String token = request.header("authorization").substring("Bearer ".length());
            exchange.send("HTTP/1.1 302 Found\r\nLocation: http://elsewhere.test/login?t=" + token
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return false;
        }, new HttpExpectations(List.of(), List.of(), List.of(), false, true));
        assertNoSecret(result);
        assertEquals(FailureKind.REDIRECT, result.failure().kind());
        assertTrue(result.failure().message().contains("login?t=***"), result.failure().message());
    }
}
