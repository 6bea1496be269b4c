package dev.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.AgentOverrides;
import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Prober;
import dev.vigil.testing.Eventually;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents of a fleet, at eu-west and at us-east, the first peering the second: its list shows both agents' probes,
 * filtered by location; a probe's page compares DNS from both; a peer that stops is shown stale, then without states.
 */
class PeersAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern ROW = Pattern.compile("<tr class=\"[\\w ]+\" data-state=\"(\\w+)\" data-agent=\"([^\"]*)\""
            + "[^>]*><th scope=\"row\"><a href=\"([^\"]*)\">([^<]*)</a>");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Agent> agents = new ArrayList<>();

    @AfterEach
    void stop() {
        agents.forEach(Agent::close);
    }

    /** Real time moved by an offset a test sets: the age of a peer's answer without waiting for it. */
    private static final class ShiftedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void shift(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Every run up at once, DNS answering {@code address} from {@code resolver}, as the load balancer's. */
    private static Prober answering(String resolver, String address) {
        return spec -> new ProbeResult(Instant.now(), Duration.ofMillis(5), null, null, null, Phases.NONE,
                new DnsFacts(spec.url().getHost(), List.of(new DnsFacts.ResolverAnswer(resolver, false,
                        List.of(address), List.of(), 42, Duration.ofMillis(1), null)), List.of("203.0.113.1",
                        "203.0.113.9"), "static", null, List.of(), List.of(), null, false, false), List.of());
    }

    private Agent start(String name, String location, String agentSection, List<String> probes, Clock clock,
            Prober prober) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String probe : probes) {
            list.append(list.isEmpty() ? "" : ",").append("{\"name\": \"").append(probe)
                    .append("\", \"url\": \"https://").append(probe).append(".example.test/\"}");
        }
        Path config = Files.writeString(dir.resolve(name + ".json"), "{\"agent\": {" + agentSection + "},"
                + " \"defaults\": {\"interval\": \"200ms\", \"timeout\": \"100ms\"}, \"probes\": [" + list + "]}");
        Agent agent = Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4,
                Duration.ofHours(1), Duration.ofSeconds(1), dir.resolve("state-" + name), false, "",
                Duration.ofMillis(100)), clock, new ConfigLoader(n -> null, () -> name)
                .asAgent(new AgentOverrides(name, location, null))::load, prober, (settings, names) -> List.of());
        agents.add(agent);
        return agent;
    }

    private static String page(Agent agent, String path) {
        HttpResponse<String> response = Scrape.get(agent.address(), path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** Each row as "agent name state", in order. */
    private static List<String> rows(String html) {
        List<String> rows = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            rows.add(row.group(2) + " " + row.group(4) + " " + row.group(1));
        }
        return rows;
    }

    @Test
    void theListShowsThePeersProbesFilteredByLocationAndThenStale() throws Exception {
        Agent us = start("vigil-us", "us-east", "", List.of("shop", "us-only"), Clock.systemUTC(),
                answering("10.9.0.2:53", "203.0.113.9"));
        ShiftedClock clock = new ShiftedClock();
        String peer = "http://user:secret@127.0.0.1:" + us.address().getPort();
        Agent eu = start("vigil-eu", "eu-west", "\"peers\": [\"" + peer + "\"]", List.of("shop", "eu-only"), clock,
                answering("10.1.0.2:53", "203.0.113.1"));

        Eventually.until(WAIT, "both agents' probes listed, run", () -> rows(page(eu, "/")).equals(List.of(
                "vigil-eu shop up", "vigil-eu eu-only up", "vigil-us shop up", "vigil-us us-only up")));
        String html = page(eu, "/");

        String base = "http://127.0.0.1:" + us.address().getPort();
        assertTrue(html.contains("<a href=\"" + base + "/probes/us-only\">us-only</a>"), html);
        assertTrue(html.contains("<a href=\"/probes/eu-only\">eu-only</a>"), html);
        assertTrue(html.contains("<td class=\"where\">vigil-us<div class=\"muted\">us-east</div></td>"), html);
        assertTrue(html.contains("<option value=\"us-east\">us-east</option>"), html);
        assertFalse(html.contains("secret"), "the peer's password is shown nowhere");
        assertEquals(List.of("vigil-us shop up", "vigil-us us-only up"), rows(page(eu, "/?location=us-east")));
        assertEquals(List.of("vigil-eu shop up", "vigil-eu eu-only up"), rows(page(eu, "/?location=eu-west")));

        String probe = page(eu, "/probes/shop");
        assertTrue(probe.contains("<h2>DNS from each location</h2>"), probe);
        assertTrue(Pattern.compile("<tr data-location=\"eu-west\" data-agent=\"vigil-eu\">.*?<td>10\\.1\\.0\\.2:53</td>"
                + "<td>203\\.0\\.113\\.1</td><td>yes</td><td>42 s</td>").matcher(probe).find(), probe);
        assertTrue(Pattern.compile("<tr data-location=\"us-east\" data-agent=\"vigil-us\">.*?<td>10\\.9\\.0\\.2:53</td>"
                + "<td>203\\.0\\.113\\.9</td><td>yes</td><td>42 s</td>").matcher(probe).find(), probe);
        assertFalse(page(eu, "/probes/eu-only").contains("DNS from each location"), "no peer runs eu-only");

        us.close();

        Eventually.until(WAIT, "the peer's rows marked stale", () -> page(eu, "/?location=us-east")
                .contains("data-stale=\"true\""));
        html = page(eu, "/?location=us-east");
        assertEquals(List.of("vigil-us shop up", "vigil-us us-only up"), rows(html), "states stand a while");
        assertTrue(html.contains("<div class=\"muted stale\">peer vigil-us did not answer since "), html);
        assertTrue(html.contains(": connection refused</div>"), html);
        assertFalse(html.contains("secret"), html);

        clock.shift(Duration.ofMinutes(10));

        Eventually.until(WAIT, "the peer's rows no longer up", () -> rows(page(eu, "/?location=us-east")).equals(
                List.of("vigil-us shop unknown", "vigil-us us-only unknown")));
        assertEquals(List.of("vigil-eu shop up", "vigil-eu eu-only up"), rows(page(eu, "/?state=up")));
        assertTrue(page(eu, "/probes/shop").contains("<div class=\"muted stale\">peer vigil-us did not answer"));
    }

    @Test
    void theStatusApiAnswersTheAgentAndItsProbes() throws Exception {
        Agent us = start("vigil-us", "us-east", "", List.of("shop", "us-only"), Clock.systemUTC(),
                answering("10.9.0.2:53", "203.0.113.9"));
        Eventually.until(WAIT, "both probes ran", () -> {
            String body = Scrape.get(us.address(), "/api/v1/status").body();
            return body.split("\"state\":\"up\"", -1).length == 3;
        });

        HttpResponse<String> all = Scrape.get(us.address(), "/api/v1/status");
        JsonNode status = JSON.readTree(all.body());

        assertEquals("application/json", all.headers().firstValue("Content-Type").orElse(""));
        assertEquals("vigil-us", status.at("/agent/name").asText());
        assertEquals("us-east", status.at("/agent/location").asText());
        assertEquals(2, status.at("/probes").size());
        JsonNode shop = status.at("/probes/0");
        assertEquals("shop", shop.at("/name").asText());
        assertEquals("https://shop.example.test/", shop.at("/url").asText());
        assertEquals("up", shop.at("/state").asText());
        assertTrue(shop.at("/runs").asText().matches("\\d+:.*"), shop.toString());
        assertEquals("10.9.0.2:53", shop.at("/dns/answers/0/resolver").asText());
        assertEquals("203.0.113.9", shop.at("/dns/answers/0/addresses/0").asText());
        assertEquals(42, shop.at("/dns/answers/0/ttl").asInt());
        assertTrue(shop.at("/dns/answers/0/matches").asBoolean());

        JsonNode one = JSON.readTree(Scrape.get(us.address(), "/api/v1/status?probe=us-only").body());
        assertEquals(1, one.at("/probes").size());
        assertEquals("us-only", one.at("/probes/0/name").asText());
        assertEquals(404, Scrape.get(us.address(), "/api/v1/status?probe=nowhere").statusCode());
        assertEquals(404, Scrape.get(us.address(), "/api/v1/status/more").statusCode());
    }
}
