package dev.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The section of a probe's page with what DNS answered at each agent of the fleet that runs it. */
class LocationsTest {
    private static final Instant RAN = Instant.parse("2026-12-02T12:00:00Z");
    private static final Where HERE = new Where("a", "eu-west", null, null);
    private static final Where US = new Where("b", "us-east", null, "http://b:1");

    private static DnsSeen dns(DnsSeen.Answer... answers) {
        return new DnsSeen("shop.example", RAN, List.of("203.0.113.7"), List.of(answers));
    }

    private static String section(List<SeenFrom> seen) {
        StringBuilder html = new StringBuilder();
        Locations.append(html, RAN.plusSeconds(20), seen);
        return html.toString();
    }

    @Test
    void eachLocationsResolversAreComparedWithTheLoadBalancerWithTheTtlLeftNow() {
        String html = section(List.of(
                new SeenFrom(HERE, null, dns(new DnsSeen.Answer("10.0.0.2:53", List.of("203.0.113.7"), null, 30,
                        true))),
                new SeenFrom(US, "peer b did not answer since 2026-12-02T11:59:00Z: HTTP 503", dns(
                        new DnsSeen.Answer("10.9.0.2:53", List.of("198.51.100.9"), null, 300, false),
                        new DnsSeen.Answer("10.9.0.3:53", List.of(), "SERVFAIL <x>", 0, null)))));

        assertTrue(html.startsWith("<section id=\"locations\"><h2>DNS from each location</h2>"), html);
        assertTrue(html.contains("<tr data-location=\"eu-west\" data-agent=\"a\"><th scope=\"row\" rowspan=\"1\">"
                + "eu-west<div class=\"muted\">this agent, a, run 2026-12-02T12:00:00Z</div></th><td>10.0.0.2:53</td>"
                + "<td>203.0.113.7</td><td>yes</td><td>10 s</td></tr>"), html);
        assertTrue(html.contains("<tr data-location=\"us-east\" data-agent=\"b\"><th scope=\"row\" rowspan=\"2\">"
                + "us-east<div class=\"muted\">agent b, run 2026-12-02T12:00:00Z</div><div class=\"muted stale\">"
                + "peer b did not answer since 2026-12-02T11:59:00Z: HTTP 503</div></th><td>10.9.0.2:53</td>"
                + "<td>198.51.100.9</td><td><strong class=\"state down\">no</strong></td><td>280 s</td></tr>"), html);
        assertTrue(html.contains("<tr data-location=\"us-east\"><td>10.9.0.3:53</td><td><span class=\"state down\">"
                + "SERVFAIL &lt;x&gt;</span></td><td>&ndash;</td><td>&ndash;</td></tr>"), html);
    }

    @Test
    void aLocationWithoutDnsAnswersSaysSo() {
        String html = section(List.of(new SeenFrom(HERE, null, null), new SeenFrom(US, null, null)));

        assertTrue(html.contains("<td colspan=\"4\" class=\"muted\">no DNS answers from its last run</td>"), html);
    }

    @Test
    void withoutPeersThereIsNoSection() {
        assertEquals("", section(List.of(new SeenFrom(HERE, null, dns()))));
        assertEquals("", section(List.of()));
    }
}
