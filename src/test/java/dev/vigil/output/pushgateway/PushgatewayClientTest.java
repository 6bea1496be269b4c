package dev.vigil.output.pushgateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.output.Secret;
import dev.vigil.testing.ClosedPort;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushgatewayClientTest {
    private static final String GROUP = "/metrics/job/vigil/instance/host1";
    private static final PageWriter PAGE = out -> out.write("""
            # TYPE probe_success gauge
            probe_success{probe="api",instance="https://api.example/"} 1.0
            """.getBytes(StandardCharsets.UTF_8));
    private static final String RENAMED = """
            # TYPE probe_success gauge
            probe_success{probe="api",exported_instance="https://api.example/"} 1.0
            """;
    static final String PUSHGATEWAY_400 = "pushed metrics are invalid or inconsistent with existing metrics: "
            + "pushed metrics must not have timestamps\n";

    private final WireMockServer wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private URI base;

    @BeforeEach
    void start() {
        wireMock.start();
        base = URI.create("http://127.0.0.1:" + wireMock.port());
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    @Test
    void putsThePageGzippedWithTheInstanceLabelExported() throws Exception {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(200)));
        String line = "probe_success{probe=\"api\",instance=\"https://api.example/\"} 1.0\n";
        String many = "# TYPE probe_success gauge\n" + line.repeat(1000);

        try (PushgatewayClient client = new PushgatewayClient(Settings.at(base))) {
            client.push(out -> out.write(many.getBytes(StandardCharsets.UTF_8)));
        }

        wireMock.verify(putRequestedFor(urlEqualTo(GROUP))
                .withHeader("Content-Type", equalTo("text/plain; version=0.0.4; charset=utf-8"))
                .withHeader("Content-Encoding", equalTo("gzip"))
                .withoutHeader("Authorization"));
        LoggedRequest sent = wireMock.findAll(putRequestedFor(urlEqualTo(GROUP))).getFirst();
        // WireMock hands the body over decompressed; the length on the wire shows it was not sent so.
        assertEquals(many.replace("instance=", "exported_instance="), sent.getBodyAsString());
        long onTheWire = Long.parseLong(sent.getHeader("Content-Length"));
        assertTrue(onTheWire * 10 < many.length(), onTheWire + " bytes sent for " + many.length());
    }

    @Test
    void withoutCompressionPutsThePlainText() throws Exception {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(200)));
        PushgatewaySettings plain = Settings.at(base);
        plain = new PushgatewaySettings(plain.url(), plain.job(), plain.grouping(), plain.interval(), plain.timeout(),
                null, false, Compression.NONE);

        try (PushgatewayClient client = new PushgatewayClient(plain)) {
            client.push(PAGE);
        }

        wireMock.verify(putRequestedFor(urlEqualTo(GROUP)).withoutHeader("Content-Encoding")
                .withRequestBody(equalTo(RENAMED)));
    }

    @Test
    void rejectionCarriesThePushgatewaysErrorText() {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(400).withBody(PUSHGATEWAY_400)));

        assertEquals("Pushgateway at " + base + " rejected the push (400): " + PUSHGATEWAY_400.strip(),
                pushFailure(Settings.at(base)));
    }

    @Test
    void longErrorTextIsCutShort() {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(400).withBody("x".repeat(5000))));

        assertEquals("Pushgateway at " + base + " rejected the push (400): " + "x".repeat(300) + "…",
                pushFailure(Settings.at(base)));
    }

    @Test
    void serverErrorIsNamed() {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(500).withBody("storage full")));

        assertEquals("Pushgateway at " + base + " answered 500 to the push: storage full", pushFailure(Settings.at(base)));
    }

    @Test
    void slowAnswerEndsAtTheTimeout() {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        assertEquals("Pushgateway at " + base + " did not answer within 200ms",
                pushFailure(Settings.at(base, Duration.ofMillis(200), null, false)));
    }

    @Test
    void refusedConnectionIsNamed() throws IOException {
        try (ClosedPort closed = ClosedPort.tcp()) {
            URI nobody = URI.create("http://127.0.0.1:" + closed.port());

            assertEquals("could not connect to Pushgateway at " + nobody + ": connection refused",
                    pushFailure(Settings.at(nobody)));
        }
    }

    @Test
    void sendsAuthorizationButNeverShowsIt() {
        String token = Base64.getEncoder().encodeToString("vigil:s3cret".getBytes(StandardCharsets.UTF_8));
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));

        String message = pushFailure(Settings.at(base, Duration.ofSeconds(5), new Secret("Basic " + token), false));

        wireMock.verify(putRequestedFor(urlEqualTo(GROUP)).withHeader("Authorization", equalTo("Basic " + token)));
        assertEquals("Pushgateway at " + base + " answered 401 to the push: Unauthorized", message);
        assertFalse(message.contains(token));
    }

    @Test
    void deleteRemovesTheGroupWithAuthorization() throws Exception {
        wireMock.stubFor(delete(GROUP).willReturn(aResponse().withStatus(202)));

        try (PushgatewayClient client = new PushgatewayClient(
                Settings.at(base, Duration.ofSeconds(5), new Secret("Bearer t0ken"), true))) {
            client.delete();
        }

        wireMock.verify(deleteRequestedFor(urlEqualTo(GROUP)).withHeader("Authorization", equalTo("Bearer t0ken")));
    }

    @Test
    void failingPageIsAFailedPush() {
        PageWriter broken = out -> {
            throw new IOException("registry closed");
        };
        try (PushgatewayClient client = new PushgatewayClient(Settings.at(base))) {
            PushException e = assertThrows(PushException.class, () -> client.push(broken));
            assertEquals("could not render the page to push to Pushgateway at " + base
                    + ": java.io.IOException: registry closed", e.getMessage());
        }
    }

    private static String pushFailure(PushgatewaySettings settings) {
        try (PushgatewayClient client = new PushgatewayClient(settings)) {
            return assertThrows(PushException.class, () -> client.push(PAGE)).getMessage();
        }
    }
}
