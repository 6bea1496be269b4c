package dev.vigil.output;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.output.slack.SlackRoute;
import dev.vigil.testing.ClosedPort;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** A WireMock receiver on loopback standing in for Slack or a webhook, and routes pointing at it. */
public final class FakeWebhook implements AutoCloseable {
    /** The secret part of every test route's URL: no log line or reason may show it. */
    public static final String SECRET_PATH = "/services/T0TEAM/B0SECRET/xoxSECRETtoken";

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    public FakeWebhook() {
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    /** The route's full, secret URL. */
    public String url() {
        return server.baseUrl() + SECRET_PATH;
    }

    /** A route named {@code name} to the fake. */
    public Route route(String name) {
        return new Route(name, new Secret(url()), Set.of(), Map.of());
    }

    /** A Slack route named {@code name} to the fake, mentioning {@code <!here>}. */
    public SlackRoute slackRoute(String name) {
        return new SlackRoute(route(name), "<!here>");
    }

    /** A client that waits at most {@code timeout} for an answer. */
    public static WebhookClient client(Duration timeout) {
        return new WebhookClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build(), timeout, "vigil/test");
    }

    /** A route to {@code closed}, a loopback port that refuses connections while the caller holds it open. */
    public static Route refusing(String name, ClosedPort closed) {
        String url = "http://127.0.0.1:" + closed.port() + SECRET_PATH;
        return new Route(name, new Secret(url), Set.of(), Map.of());
    }

    @Override
    public void close() {
        server.stop();
    }
}
