package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status pages of a running agent, read over HTTP while it probes real HTTPS targets on loopback. */
class StatusPageAgentTest {
    private static final TestPki PKI = TestPki.create();
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Probes that fill the list. Due once a day at a phase of their own, so one may run while the test does: the
     * assertions about them hold whatever their state.
     */
    private static final int BULK = 105;
    private static final Pattern ROW = Pattern.compile("<tr class=\"\\w+\" data-state=\"(\\w+)\"><th scope=\"row\">"
            + "<a href=\"[^\"]*\">([^<]*)</a>");

    private static WireMockHttps wiremock;
    private static HttpProbe http;
    private static Agent agent;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        wiremock = WireMockHttps.start(PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue());
        wiremock.server().stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200).withBody("ok")));
        wiremock.server().stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(503).withBody("no")));
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        StringBuilder probes = new StringBuilder();
        probes.append("""
                {"name": "up", "url": "%s", "interval": "300ms", "timeout": "300ms", "labels": {"team": "payments"}},
                {"name": "down", "url": "%s", "interval": "300ms", "timeout": "300ms", "labels": {"team": "ops"}},
                {"name": "hostile", "url": "%s", "interval": "1h", "labels": {"team": "<script>alert(1)</script>"}}"""
                .formatted(wiremock.httpsUri("/up"), wiremock.httpsUri("/down"), wiremock.httpsUri("/up?a='x'")));
        for (int i = 0; i < BULK; i++) {
            probes.append(",\n{\"name\": \"bulk-%03d\", \"url\": \"https://bulk.invalid/\", \"interval\": \"24h\"}"
                    .formatted(i));
        }
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"defaults": {"timeout": "2s", "tls": {"caFile": "%s"}}, "probes": [%s]}
                """.formatted(ca, probes));
        http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
        agent = startAgent(config, dir.resolve("state"));
        Eventually.until(WAIT, "the down probe's alert fired and the up probe ran", () -> {
            String page = page("/").body();
            return page.contains("<td class=\"cause\">http_status: ")
                    && rows(page("/?state=up").body()).equals(List.of("up up"));
        });
    }

    @AfterAll
    static void stop() {
        agent.close();
        http.close();
        wiremock.close();
    }

    private static HttpResponse<String> page(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Scrape.uri(agent.address(), path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Scrape.send(agent.address(), request.build());
    }

    /** Each row of a page as "state name", in order. */
    private static List<String> rows(String html) {
        List<String> rows = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2));
        }
        return rows;
    }

    private static List<String> names(List<String> rows) {
        return rows.stream().map(row -> row.substring(row.indexOf(' ') + 1)).toList();
    }

    @Test
    void theListShowsEveryProbeDownFirstWithItsCauseAndRecentRuns() {
        HttpResponse<String> response = page("/");
        String html = response.body();

        assertEquals(200, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        List<String> rows = rows(html);
        assertEquals(100, rows.size(), html);
        assertEquals("down down", rows.getFirst());
        List<String> states = rows.stream().map(row -> row.substring(0, row.indexOf(' '))).toList();
        assertEquals(states.stream().sorted(Comparator.comparing(state -> List.of("down", "unknown", "up")
                .indexOf(state))).toList(), states, "down first, then those not run yet, then those up");
        Matcher summary = Pattern.compile((3 + BULK) + " probes: (\\d+) down, (\\d+) unknown, (\\d+) up\\.")
                .matcher(html);
        assertTrue(summary.find(), html);
        assertEquals(3 + BULK, IntStream.rangeClosed(1, 3).map(i -> Integer.parseInt(summary.group(i))).sum());
        Matcher bar = Pattern.compile("aria-label=\"Last 24 h: (\\d+) runs, 0 up, (\\d+) down\"").matcher(html);
        assertTrue(bar.find(), html);
        assertEquals(bar.group(1), bar.group(2));
    }

    @Test
    void theListIsPagedAndFiltered() {
        List<String> second = rows(page("/?page=2").body());
        assertEquals(3 + BULK - 100, second.size(), second.toString());
        assertTrue(second.contains("up up"), second.toString());
        assertTrue(page("/").body().contains("<a rel=\"next\" href=\"/?page=2\">next</a>"));

        List<String> down = rows(page("/?state=down").body());
        assertEquals("down down", down.getFirst());
        assertTrue(down.stream().allMatch(row -> row.startsWith("down ")), down.toString());
        assertEquals(List.of("up up"), rows(page("/?label=team%3Apayments").body()));
        assertEquals(List.of("bulk-042"), names(rows(page("/?q=BULK-042").body())));
    }

    @Test
    void whatTargetsAndConfigsSayIsEscaped() {
        String html = page("/?q=hostile").body();

        assertEquals(List.of("hostile"), names(rows(html)));
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("team:&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("/up?a=&#39;x&#39;"), html);
    }

    @Test
    void aProbesPageShowsItsIncidentLastRunCertificatesAndTheirHistory() {
        String down = page("/probes/down").body();

        assertTrue(down.contains("<p class=\"cause\"><strong>http_status: "), down);
        assertTrue(down.contains("<span class=\"state down\">http_status</span>"), down);
        assertTrue(down.contains("aria-label=\"Phases: "), down);
        assertTrue(down.contains("CN=localhost"), down);
        assertTrue(down.contains("The chain verified."), down);

        String up = page("/probes/up").body();
        assertTrue(up.contains("<p>No alert is firing.</p>"), up);
        assertTrue(up.contains("<span class=\"state up\">passed</span>"), up);
        assertTrue(up.contains("<svg class=\"response-times\" role=\"img\" aria-label=\"Response time, last 24 h:"
                + " mean "), up);
        assertTrue(up.contains("<h2>Certificate history of 127.0.0.1:" + wiremock.httpsUri().getPort() + "</h2>"), up);
        assertTrue(up.contains("aria-label=\"1 certificate seen, valid from "), up);
        // The local server's certificate is the test CA's, whose limits are not watched: none is claimed or charted.
        assertTrue(up.contains("<td colspan=\"3\">issued by CN=Vigil Test Root: no limit watched for this issuer"
                + "</td>"), up);
        assertFalse(up.contains("<svg class=\"limit\""), up);

        HttpResponse<String> missing = page("/probes/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals("no probe is named nothing-here\n", missing.body());
    }

    @Test
    void behindAProxyEveryLinkCarriesItsPrefixAndABadPrefixIsIgnored() {
        String html = page("/?state=down", "X-Forwarded-Prefix", "/ops/vigil/").body();
        Matcher links = Pattern.compile("(?:href|action)=\"([^\"#][^\"]*)\"").matcher(html);
        int count = 0;
        while (links.find()) {
            assertTrue(links.group(1).startsWith("/ops/vigil/"), links.group(1));
            count++;
        }
        assertTrue(count >= 3, html);
        assertTrue(html.contains("href=\"/ops/vigil/probes/down\""), html);

        String bad = page("/probes/down", "X-Forwarded-Prefix", "/x\"><script>").body();
        assertTrue(bad.contains("<a href=\"/\">Vigil</a>"), bad);
        assertFalse(bad.contains("<script"), bad);
    }

    @Test
    void aRestartKeepsTheBarOfRecentRuns(@TempDir Path own) throws Exception {
        Path config = Files.writeString(own.resolve("probes.json"), """
                {"probes": [{"name": "flaky", "url": "%s", "interval": "200ms", "timeout": "200ms"}]}
                """.formatted(wiremock.httpsUri("/down")));
        Pattern bar = Pattern.compile("aria-label=\"Last 24 h: (\\d+) runs?,");
        int before;
        try (Agent first = startAgent(config, own.resolve("state"))) {
            Eventually.until(WAIT, "five runs counted", () -> runs(first, bar) >= 5);
            before = runs(first, bar);
        }
        Files.writeString(config, Files.readString(config).replace("\"200ms\"", "\"24h\"").replace("\"timeout\": "
                + "\"24h\"", "\"timeout\": \"2s\""));

        try (Agent second = startAgent(config, own.resolve("state"))) {
            assertTrue(runs(second, bar) >= before, "runs counted after the restart: " + runs(second, bar)
                    + ", before it: " + before);
        }
    }

    @Test
    void underARoutePrefixEveryEndpointAndLinkMovesUnderIt(@TempDir Path own) throws Exception {
        Path config = Files.writeString(own.resolve("probes.json"), """
                {"probes": [{"name": "flaky", "url": "%s", "interval": "200ms", "timeout": "200ms"}]}
                """.formatted(wiremock.httpsUri("/down")));
        try (Agent routed = Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 16,
                Duration.ofSeconds(1), Duration.ofSeconds(1), own.resolve("state"), false, "/vigil"), Clock.systemUTC(),
                new ConfigLoader(name -> null)::load, http, (settings, names) -> List.of())) {
            InetSocketAddress at = routed.address();
            Eventually.until(WAIT, "the probe's series", () -> Scrape.get(at, "/vigil/metrics").body()
                    .contains("probe_success{"));
            assertEquals(200, Scrape.get(at, "/vigil/-/healthy").statusCode());
            assertEquals(404, Scrape.get(at, "/metrics").statusCode());
            assertEquals(404, Scrape.get(at, "/").statusCode());

            String html = Scrape.get(at, "/vigil/").body();
            assertTrue(html.contains("href=\"/vigil/probes/flaky\""), html);
            assertEquals(200, Scrape.get(at, "/vigil/probes/flaky").statusCode());
            HttpResponse<String> proxied = Scrape.send(at, HttpRequest.newBuilder(Scrape.uri(at, "/vigil/"))
                    .header("X-Forwarded-Prefix", "/ops").build());
            assertTrue(proxied.body().contains("href=\"/ops/vigil/probes/flaky\""), proxied.body());
        }
    }

    private static Agent startAgent(Path config, Path state) throws Exception {
        return Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 16, Duration.ofSeconds(1),
                Duration.ofSeconds(1), state, false), Clock.systemUTC(), new ConfigLoader(name -> null)::load, http,
                (settings, names) -> List.of());
    }

    /** The runs the bar of the one probe of {@code running} counts. */
    private static int runs(Agent running, Pattern bar) {
        Matcher counted = bar.matcher(Scrape.get(running.address(), "/").body());
        return counted.find() ? Integer.parseInt(counted.group(1)) : 0;
    }

    @Test
    void aClientAskingForTextGetsTheListOfEndpoints() {
        HttpResponse<String> text = page("/", "Accept", "text/plain");

        assertEquals(200, text.statusCode());
        assertEquals(AgentServer.ENDPOINTS, text.body());
        assertEquals(404, page("/nothing").statusCode());
    }
}
