package dev.vigil.web;

import static dev.vigil.web.LimitChartTest.NOW;
import static dev.vigil.web.LimitChartTest.PAIR;
import static dev.vigil.web.LimitChartTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.CertChange;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The incident's certificate history on a probe's page: five re-issues 30 minutes apart, then the ingress's
 * self-signed default certificate, and certificates CT lists that were never served.
 */
class CertTimelineTest {
    private static final Endpoint API = new Endpoint("api.demo.test", 443, "api.demo.test");
    private static final String LE = "CN=R11,O=Let's Encrypt,C=US";
    private static final List<String> DEFAULT = List.of("6f3b1c2d.traefik.default");

    static EndpointHistory incident(Endpoint endpoint) {
        List<Observation> seen = new ArrayList<>();
        List<CertChange> changes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant start = NOW.minus(Duration.ofMinutes(150 - 30L * i));
            seen.add(new Observation("5d16eefe6c1f7c5" + i, LE, "CN=api.demo.test", PAIR, start,
                    start.plus(Duration.ofDays(90)), "aa", List.of(LE), true, start, start.plusSeconds(60)));
            if (i > 0) {
                changes.add(new CertChange(start, ChangeKind.REISSUE, Severity.WARNING, seen.get(i - 1).serialHex(),
                        seen.get(i).serialHex(), "re-issued 89 days before the old one expired"));
            }
        }
        seen.add(new Observation("680cad33b85581ae", "CN=TRAEFIK DEFAULT CERT", "CN=TRAEFIK DEFAULT CERT", DEFAULT,
                NOW.minus(Duration.ofMinutes(5)), NOW.plus(Duration.ofDays(365)), "bb", List.of(), false, NOW, NOW));
        for (ChangeKind kind : List.of(ChangeKind.ISSUER_CHANGED, ChangeKind.NAMES_CHANGED)) {
            changes.add(new CertChange(NOW, kind, Severity.CRITICAL, seen.get(4).serialHex(), "680cad33b85581ae",
                    "the ingress served its <default> certificate"));
        }
        List<Issuance> ct = List.of(
                new Issuance("0c01", NOW.minus(Duration.ofMinutes(10)), PAIR, null, NOW.plus(Duration.ofDays(90))),
                new Issuance("0c02", NOW.minus(Duration.ofMinutes(8)), PAIR, null, null),
                // Served here: not a bar of its own.
                new Issuance(seen.getFirst().serialHex(), seen.getFirst().notBefore(), PAIR));
        return new EndpointHistory(endpoint, Set.of("api"), seen, changes, null, NOW, ct, null);
    }

    private static CertStatus status() {
        return new CertStatus(null, List.of(
                new NameSetUsage(DEFAULT, true, NOW, new LimitUsage(0, 5, null, LimitUsage.Level.OK), List.of(),
                        "self-signed"),
                LimitChartTest.exhausted()), "demo.test", null, null);
    }

    private static String render(CertView view) {
        StringBuilder html = new StringBuilder();
        CertTimeline.append(html, NOW, view);
        return html.toString();
    }

    /** The first SVG of {@code svgClass} in {@code html}. */
    private static String svg(String html, String svgClass) {
        int start = html.indexOf("<svg class=\"" + svgClass + "\"");
        return start < 0 ? "" : html.substring(start, html.indexOf("</svg>", start));
    }

    @Test
    void everyCertificateIsALabelledBarTheUntrustedOneAndThoseOnlyCtKnowsMarkedAsSuch() {
        String html = render(new CertView(List.of(incident(API)), 0, status(), LimitPolicy.EXACT_SET));

        String timeline = svg(html, "timeline");
        assertEquals(8, count(timeline, "<rect "), timeline);
        assertEquals(5, count(timeline, "<rect class=\"up\""), timeline);
        assertEquals(1, count(timeline, "<rect class=\"down\""), timeline);
        assertEquals(2, count(timeline, "<rect class=\"ct\""), timeline);
        assertTrue(timeline.contains("aria-label=\"6 certificates seen, valid from "
                + NOW.minus(Duration.ofMinutes(150)) + " to " + NOW.plus(Duration.ofDays(365)) + ", 1 untrusted; 6"
                + " changes; 2 found in Certificate Transparency, never served here\""), timeline);
        assertTrue(timeline.contains(">5d16eefe… · re-issue</text>"), timeline);
        assertTrue(timeline.contains(">5d16eefe…</text>"), timeline);
        assertTrue(timeline.contains(">680cad33… · fallback (untrusted) · served now</text>"), timeline);
        assertTrue(timeline.contains(">0c01 · found in CT, never served</text>"), timeline);
        assertTrue(timeline.contains(">0c02 · found in CT, never served, end not known</text>"), timeline);
        assertTrue(html.contains("<li>0c01, issued " + NOW.minus(Duration.ofMinutes(10)) + ", valid until "
                + NOW.plus(Duration.ofDays(90)) + ", for api.demo.test, www.demo.test</li>"), html);
        // Dated ticks: the whole axis spans a year.
        assertTrue(timeline.contains("<text class=\"axis\""), timeline);
        assertFalse(html.contains("<default>"), html);
    }

    @Test
    void certificatesIssuedMinutesApartAreZoomedOnWithTheChangesBetweenThem() {
        String html = render(new CertView(List.of(incident(API)), 0, status(), LimitPolicy.EXACT_SET));

        String zoom = svg(html, "timeline-zoom");
        assertEquals(8, count(zoom, "<rect "), zoom);
        assertTrue(zoom.contains("aria-label=\"8 certificates issued in the last 168 h, from 2026-12-02 10:54 UTC to"
                + " 2026-12-02 13:19 UTC, zoomed on their starts\""), zoom);
        // The changes are marked where the starts are apart, not on the whole axis where they would crowd.
        assertEquals(6, count(zoom, "<line class=\"change\""), zoom);
        assertEquals(0, count(svg(html, "timeline"), "<line class=\"change\""), html);
        // Starts 30 minutes apart are tenths of the zoomed width apart.
        assertTrue(zoom.contains("<rect class=\"up\" x=\"10.00%\""), zoom);
        assertTrue(zoom.contains("<rect class=\"up\" x=\"26.55%\""), zoom);
    }

    @Test
    void theExhaustedSetIsChartedAndTheDefaultCertificateClaimsNoLimit() {
        String html = render(new CertView(List.of(incident(API)), 0, status(), LimitPolicy.EXACT_SET));

        assertEquals(1, count(html, "<svg class=\"limit\""), html);
        assertTrue(html.contains("aria-label=\"5 of 5 certificates for {api.demo.test, www.demo.test} used in the last"
                + " 168 h: the CA refuses more until 2026-12-03 20:43 UTC\""), html);
        assertTrue(html.contains("<tr data-level=\"none\"><td>{6f3b1c2d.traefik.default} <span class=\"muted\">(served"
                + " now)</span></td><td colspan=\"3\">self-signed: no CA limit</td></tr>"), html);
        assertTrue(html.contains("<tr data-level=\"critical\"><td>{api.demo.test, www.demo.test}</td><td>5</td>"
                + "<td>0</td><td>2026-12-03T20:43:19Z</td></tr>"), html);
    }

    @Test
    void eachEndpointReachedHasItsOwnSectionTheLimitOnlyTheLastRunsAndTheRestAreCounted() {
        Endpoint www = new Endpoint("www.demo.test", 443, "www.demo.test");

        String html = render(new CertView(List.of(incident(API), incident(www)), 3, status(), LimitPolicy.EXACT_SET));

        assertTrue(html.contains("<section id=\"certificate-history\" class=\"certificate-history\"><h2>Certificate"
                + " history of api.demo.test:443</h2>"), html);
        assertTrue(html.contains("<section id=\"certificate-history-2\" class=\"certificate-history\"><h2>Certificate"
                + " history of www.demo.test:443</h2>"), html);
        assertEquals(1, count(html, "<table class=\"limits\""), html);
        assertTrue(html.indexOf("<table class=\"limits\"") < html.indexOf("id=\"certificate-history-2\""), html);
        assertTrue(html.contains("<p class=\"muted\">This probe reached 3 more endpoints, not shown here.</p>"), html);
    }

    @Test
    void aCertificateChangingEveryMinuteDrawsAndListsOnlyTheNewestAndSaysSo() {
        Observation one = incident(API).observations().getFirst();
        List<Observation> seen = new ArrayList<>();
        List<Issuance> ct = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            Instant start = NOW.minus(Duration.ofMinutes(100 - i));
            seen.add(new Observation(String.format("%04x", i), LE, one.subject(), PAIR, start,
                    start.plus(Duration.ofDays(90)), "aa", List.of(LE), true, start, start));
            ct.add(new Issuance(String.format("c%03x", i), start, PAIR, null, start.plus(Duration.ofDays(90))));
        }
        EndpointHistory busy = new EndpointHistory(API, Set.of("api"), seen, List.of(), null, NOW, ct, null);

        String html = render(new CertView(List.of(busy), 0, null, LimitPolicy.EXACT_SET));

        String timeline = svg(html, "timeline");
        assertEquals(TimelineBars.SEEN_SHOWN + TimelineBars.CT_SHOWN, count(timeline, "<rect "), timeline);
        assertTrue(timeline.contains("aria-label=\"45 certificates seen, valid from " + seen.getFirst().notBefore()
                + " to " + seen.getLast().notAfter() + "; 0 changes; 45 found in Certificate Transparency, never"
                + " served here; the oldest 30 are not drawn\""), timeline);
        assertTrue(timeline.contains(">002c · served now</text>"), timeline);
        assertFalse(timeline.contains(">0004<"), timeline);
        assertEquals(TimelineBars.SEEN_SHOWN, count(html, "api.demo.test, www.demo.test</div>"), html);
        assertEquals(TimelineBars.CT_SHOWN, count(html, "<li>c0"), html);
    }

    @Test
    void startsFarApartOrAloneInTheWindowAreNotZoomedOn() {
        EndpointHistory history = incident(API);
        List<TimelineBars.Bar> bars = TimelineBars.bars(history);
        TimeAxis whole = TimelineBars.axis(bars);

        assertEquals(new TimeAxis(NOW.minus(Duration.ofMinutes(150)), NOW.plus(Duration.ofDays(365))), whole);
        assertNull(TimelineBars.zoom(bars, whole, Duration.ofHours(168), NOW.plus(Duration.ofDays(200))));
        assertNull(TimelineBars.zoom(bars.subList(0, 1), whole, Duration.ofHours(168), NOW));
        assertNull(TimelineBars.zoom(bars, new TimeAxis(NOW.minus(Duration.ofHours(3)), NOW), Duration.ofHours(168),
                NOW));
    }
}
